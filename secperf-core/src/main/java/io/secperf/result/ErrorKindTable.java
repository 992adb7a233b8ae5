package io.secperf.result;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mutable, single-threaded counter behind {@link ErrorKinds}; the caller provides the locking. While recording it
 * admits at most {@link ErrorKinds#CAPACITY} kinds (first come, never evicted, so their counts are exact) and counts
 * further kinds in {@code others}; merging ({@link #add}) keeps every kind of its inputs until {@link #toKinds} cuts
 * the table to the capacity, so the cut happens once and does not depend on the order of the inputs.
 */
final class ErrorKindTable {

    /** One kind being counted. */
    private static final class Entry {
        final String code;
        final String message;
        String example;
        long count;

        Entry(String code, String message, String example) {
            this.code = code;
            this.message = message;
            this.example = example;
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private long others;

    /** Counts one failed sample of this kind. */
    void record(PendingKind kind) {
        Entry entry = entries.get(kind.key);
        if (entry == null) {
            if (entries.size() >= ErrorKinds.CAPACITY) {
                others++;
                return;
            }
            entry = new Entry(kind.code, kind.message, kind.example);
            entries.put(kind.key, entry);
        }
        entry.count++;
    }

    void add(ErrorKindTable other) {
        for (Entry e : other.entries.values()) {
            addKind(e.code, e.message, e.example, e.count);
        }
        others += other.others;
    }

    void add(ErrorKinds kinds) {
        for (ErrorKind kind : kinds.kinds()) {
            addKind(kind.code(), kind.message(), kind.example(), kind.count());
        }
        others += kinds.others();
    }

    private void addKind(String code, String message, String example, long count) {
        String key = code + '\u0000' + message;
        Entry entry = entries.get(key);
        if (entry == null) {
            entry = new Entry(code, message, example);
            entries.put(key, entry);
        } else if (entry.example.isEmpty() || (!example.isEmpty() && example.compareTo(entry.example) < 0)) {
            entry.example = example; // the smallest example: the same whatever the order of the inputs
        }
        entry.count += count;
    }

    /** The table cut to {@link ErrorKinds#CAPACITY} kinds; the counts cut off go to {@code others}. */
    ErrorKinds toKinds() {
        List<ErrorKind> all = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            all.add(new ErrorKind(e.code, e.message, e.count, e.example));
        }
        List<ErrorKind> sorted = ErrorKinds.sorted(all);
        long rest = others;
        for (int i = ErrorKinds.CAPACITY; i < sorted.size(); i++) {
            rest += sorted.get(i).count();
        }
        return new ErrorKinds(sorted.size() <= ErrorKinds.CAPACITY ? sorted
                : sorted.subList(0, ErrorKinds.CAPACITY), rest);
    }

    long footprintBytes() {
        long bytes = 64;
        for (Entry e : entries.values()) {
            bytes += 96 + e.code.length() + e.message.length() + e.example.length();
        }
        return bytes;
    }

    /**
     * A failed sample's kind, computed before the aggregator takes its lock (normalising allocates; the lock should
     * not be held meanwhile).
     */
    static final class PendingKind {
        final String code;
        final String message;
        final String example;
        final String key;
        /** The raw input, kept to recognise a repeat in {@link Cache}. */
        private final ErrorClass rawClass;
        private final String rawCode;
        private final String rawMessage;
        private final String rawFailure;

        PendingKind(ErrorClass errorClass, String responseCode, String responseMessage, String failureMessage) {
            this.code = ErrorKinds.code(responseCode);
            this.example = ErrorKinds.rawMessage(errorClass, responseMessage, failureMessage);
            this.message = ErrorKinds.normalise(code, example);
            this.key = code + '\u0000' + message;
            this.rawClass = errorClass;
            this.rawCode = responseCode == null ? "" : responseCode;
            this.rawMessage = responseMessage == null ? "" : responseMessage;
            this.rawFailure = failureMessage == null ? "" : failureMessage;
        }

        boolean sameInput(ErrorClass errorClass, String responseCode, String responseMessage, String failureMessage) {
            return rawClass == errorClass && rawMessage.equals(responseMessage == null ? "" : responseMessage)
                    && rawCode.equals(responseCode == null ? "" : responseCode)
                    && rawFailure.equals(failureMessage == null ? "" : failureMessage);
        }
    }

    /**
     * Failed samples often repeat their messages exactly ("Internal Server Error", one unknown host): a small
     * direct-mapped cache of the last kinds computed saves normalising them again. Lock-free: slots hold immutable
     * objects (final fields), so a race costs at most a recomputation. Bounded: {@value #SLOTS} slots, and inputs
     * longer than {@value #MAX_CACHED_CHARS} characters are not cached.
     */
    static final class Cache {
        private static final int SLOTS = 256;
        private static final int MAX_CACHED_CHARS = 1024;
        private final PendingKind[] slots = new PendingKind[SLOTS];

        PendingKind kind(ErrorClass errorClass, String responseCode, String responseMessage, String failureMessage) {
            int length = (responseCode == null ? 0 : responseCode.length())
                    + (responseMessage == null ? 0 : responseMessage.length())
                    + (failureMessage == null ? 0 : failureMessage.length());
            if (length > MAX_CACHED_CHARS) {
                return new PendingKind(errorClass, responseCode, responseMessage, failureMessage);
            }
            int hash = (responseMessage == null ? 0 : responseMessage.hashCode()) * 31
                    + (responseCode == null ? 0 : responseCode.hashCode());
            int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
            PendingKind cached = slots[slot];
            if (cached != null && cached.sameInput(errorClass, responseCode, responseMessage, failureMessage)) {
                return cached;
            }
            PendingKind kind = new PendingKind(errorClass, responseCode, responseMessage, failureMessage);
            slots[slot] = kind;
            return kind;
        }
    }
}
