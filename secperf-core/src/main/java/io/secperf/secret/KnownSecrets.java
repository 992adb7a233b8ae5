package io.secperf.secret;

import io.secperf.result.Sample;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The secret values of one run (credentials a security.yaml references, JMeter properties whose name looks secret),
 * for masking every output secperf writes: console, JTL, jmeter.log, result document, report, JUnit XML, history.
 * Masking at the places where a value is known to be secret is not enough: a target may echo a password into its
 * response message, an exception may quote a URL. So every text that leaves the process passes through
 * {@link #redact(String)}, which replaces each secret, in the encodings it travels in (URL-encoded, JSON- and
 * HTML-escaped, Base64 at any alignment), by {@code ****[N chars]}.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters, {@code true}/{@code false} and numbers of fewer than
 * {@value #MIN_NUMBER_DIGITS} digits are not searched for: they would match ordinary text (a timeout of 3600 in a
 * property named tokenTtl is no secret). Immutable and thread-safe.
 */
public final class KnownSecrets {

    /** Shorter values are not masked in free text. */
    public static final int MIN_LENGTH = 4;
    /** Plain numbers with fewer digits are not masked in free text. */
    public static final int MIN_NUMBER_DIGITS = 8;
    /** Base64 fragments shorter than this are not searched for. */
    private static final int MIN_BASE64 = 8;

    private static final KnownSecrets NONE = new KnownSecrets(List.of());
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:[.,]\\d+)?");

    private final List<String> values;
    /** form → replacement, longest form first. */
    private final List<Map.Entry<String, String>> forms;
    private final int shortestForm;

    private KnownSecrets(List<String> values) {
        this.values = List.copyOf(values);
        Map<String, String> all = new LinkedHashMap<>();
        for (String value : this.values) {
            String masked = describe(value);
            for (String form : forms(value)) {
                all.putIfAbsent(form, masked);
            }
        }
        List<Map.Entry<String, String>> list = new ArrayList<>(all.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList());
        list.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        this.forms = List.copyOf(list);
        this.shortestForm = list.stream().mapToInt(e -> e.getKey().length()).min().orElse(Integer.MAX_VALUE);
    }

    /** No secrets: {@link #redact(String)} returns its argument. */
    public static KnownSecrets none() {
        return NONE;
    }

    /** The values worth masking among these (see the class comment); null and duplicates are ignored. */
    public static KnownSecrets of(Collection<String> values) {
        Set<String> kept = new LinkedHashSet<>();
        for (String value : values) {
            if (worthMasking(value)) {
                kept.add(value);
            }
        }
        return kept.isEmpty() ? NONE : new KnownSecrets(new ArrayList<>(kept));
    }

    /** These secrets and some more. */
    public KnownSecrets with(Collection<String> more) {
        List<String> all = new ArrayList<>(values);
        all.addAll(more);
        return of(all);
    }

    /** These secrets and the other's. */
    public KnownSecrets with(KnownSecrets other) {
        return other.values.isEmpty() ? this : with(other.values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** How many secret values are known (never which). */
    public int size() {
        return values.size();
    }

    /** True for a value that {@link #redact(String)} would look for. */
    public static boolean worthMasking(String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            return false;
        }
        String v = value.strip();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("null")) {
            return false;
        }
        return !(NUMBER.matcher(v).matches() && v.replaceAll("\\D", "").length() < MIN_NUMBER_DIGITS);
    }

    /** The text with every known secret, in every form, replaced by {@code ****[N chars]}; null stays null. */
    public String redact(String text) {
        if (text == null || text.length() < shortestForm) {
            return text;
        }
        String result = text;
        for (Map.Entry<String, String> form : forms) {
            if (result.length() >= form.getKey().length() && result.contains(form.getKey())) {
                result = result.replace(form.getKey(), form.getValue());
            }
        }
        return result;
    }

    /** True when the text holds a known secret in some form. */
    public boolean appearsIn(String text) {
        if (text == null || text.length() < shortestForm) {
            return false;
        }
        for (Map.Entry<String, String> form : forms) {
            if (text.contains(form.getKey())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The length of the longest end of {@code text} that is the beginning (not the whole) of a form of a secret: the
     * part a stream must hold back until it sees how the text goes on.
     */
    public int pendingPrefix(String text) {
        int longest = 0;
        for (Map.Entry<String, String> entry : forms) {
            String form = entry.getKey();
            for (int k = Math.min(form.length() - 1, text.length()); k > longest; k--) {
                if (text.regionMatches(text.length() - k, form, 0, k)) {
                    longest = k;
                    break;
                }
            }
        }
        return longest;
    }

    /** The sample with label, response code, response message and failure message redacted (same one if clean). */
    public Sample redact(Sample sample) {
        return redact(sample, true);
    }

    /**
     * A failed sample with its response code, response message and failure message redacted and its label kept; a
     * successful sample as it is. For the aggregator: it folds the texts of failed samples into error kinds (digits
     * become {@code <n>}) and cuts their examples, after which masking the finished document no longer recognises a
     * secret in them. The label is masked with the document, and stays the same for successful and failed samples.
     */
    public Sample redactErrorTexts(Sample sample) {
        return sample.success() ? sample : redact(sample, false);
    }

    private Sample redact(Sample sample, boolean withLabel) {
        if (forms.isEmpty()) {
            return sample;
        }
        String label = withLabel ? redact(sample.label()) : sample.label();
        String code = redact(sample.responseCode());
        String message = redact(sample.responseMessage());
        String failure = redact(sample.failureMessage());
        if (label.equals(sample.label()) && code.equals(sample.responseCode())
                && message.equals(sample.responseMessage()) && failure.equals(sample.failureMessage())) {
            return sample;
        }
        return new Sample(sample.timeStamp(), sample.elapsed(), label, code, message, sample.success(), failure,
                sample.bytes(), sample.sentBytes(), sample.latency(), sample.connect(), sample.allThreads());
    }

    /**
     * One regular expression matching every form of every secret (longest first), for log layouts that rewrite
     * lines with a pattern; empty when there are none.
     */
    public Optional<Pattern> pattern() {
        if (forms.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Pattern.compile(forms.stream().map(e -> Pattern.quote(e.getKey()))
                .collect(Collectors.joining("|"))));
    }

    /**
     * The forms a value travels in: as is, URL-encoded (form and path style), JSON-escaped, HTML-escaped, and the
     * characters of its Base64 encoding that depend on the value alone, at each of the three alignments it can
     * have inside a longer encoded text (as in HTTP Basic credentials), standard and URL-safe.
     */
    public static Set<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(url);
        forms.add(url.replace("+", "%20"));
        forms.add(jsonEscaped(value));
        forms.add(htmlEscaped(value));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int skip = 0; skip < 3 && skip < bytes.length; skip++) {
            int usable = (bytes.length - skip) / 3 * 3;
            if (usable <= 0) {
                continue;
            }
            byte[] aligned = java.util.Arrays.copyOfRange(bytes, skip, skip + usable);
            String standard = Base64.getEncoder().withoutPadding().encodeToString(aligned);
            if (standard.length() >= MIN_BASE64) {
                forms.add(standard);
                forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(aligned));
            }
        }
        forms.removeIf(String::isEmpty);
        return forms;
    }

    /** {@code ****[N chars]}: a value was there and how long it was, nothing more. */
    public static String describe(String value) {
        return "****[" + (value == null ? 0 : value.length()) + " chars]";
    }

    /** The form a value takes inside a JSON string (as Jackson writes it): how a secret looks in a JSON output. */
    public static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String htmlEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "KnownSecrets[" + values.size() + " values]";
    }
}
