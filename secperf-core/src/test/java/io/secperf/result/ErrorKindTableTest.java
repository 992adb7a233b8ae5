package io.secperf.result;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded counter behind the error kinds: first come kinds are kept with exact counts, the rest is counted; a merge
 * adds equal kinds exactly, keeps the smallest example whatever the order, and cuts once.
 */
class ErrorKindTableTest {

    private static ErrorKindTable.PendingKind kind(String code, String message) {
        return new ErrorKindTable.PendingKind(ErrorClass.HTTP_5XX, code, message, "");
    }

    private static ErrorKindTable table(int kinds, int eachCount, String prefix) {
        ErrorKindTable table = new ErrorKindTable();
        for (int k = 0; k < kinds; k++) {
            for (int i = 0; i < eachCount; i++) {
                table.record(kind("500", prefix + " " + "abcdefghijklmnopqrstuvwxyz".charAt(k)));
            }
        }
        return table;
    }

    @Test
    void recordingAdmitsTheFirstTenKindsAndCountsTheRestAsOthers() {
        ErrorKindTable table = table(ErrorKinds.CAPACITY, 2, "cause");
        table.record(kind("500", "late cause"));
        table.record(kind("502", "late cause"));
        // a kind already admitted is still counted exactly after the table is full
        table.record(kind("500", "cause a"));
        ErrorKinds kinds = table.toKinds();
        assertThat(kinds.kinds()).hasSize(ErrorKinds.CAPACITY);
        assertThat(kinds.others()).isEqualTo(2);
        assertThat(kinds.kinds().get(0)).isEqualTo(new ErrorKind("500", "cause a", 3, "cause a"));
        assertThat(kinds.kinds()).extracting(ErrorKind::message).doesNotContain("late cause");
        assertThat(kinds.total()).isEqualTo(2L * ErrorKinds.CAPACITY + 3);

        ErrorKindTable nine = table(ErrorKinds.CAPACITY - 1, 1, "cause");
        nine.record(kind("500", "tenth"));
        assertThat(nine.toKinds().kinds()).hasSize(ErrorKinds.CAPACITY);
        assertThat(nine.toKinds().others()).isZero();
    }

    @Test
    void aKindIsCodeAndFoldedMessageAndKeepsItsFirstExample() {
        ErrorKindTable table = new ErrorKindTable();
        table.record(new ErrorKindTable.PendingKind(ErrorClass.TIMEOUT,
                "Non HTTP response code: java.net.SocketTimeoutException", "Non HTTP response message: after 31 ms", ""));
        table.record(new ErrorKindTable.PendingKind(ErrorClass.TIMEOUT,
                "Non HTTP response code: java.net.SocketTimeoutException", "Non HTTP response message: after 2 ms", ""));
        table.record(kind("500", "after 2 ms"));
        assertThat(table.toKinds().kinds()).containsExactly(
                new ErrorKind("java.net.SocketTimeoutException", "after <n> ms", 2, "after 31 ms"),
                new ErrorKind("500", "after <n> ms", 1, "after 2 ms"));
    }

    @Test
    void aMergeAddsEqualKindsExactlyAndKeepsTheSmallestExampleWhateverTheOrder() {
        ErrorKindTable first = new ErrorKindTable();
        first.record(kind("500", "order 17 failed"));
        first.record(kind("500", "order 17 failed"));
        ErrorKindTable second = new ErrorKindTable();
        second.record(kind("500", "order 12 failed"));
        second.record(kind("502", "Bad Gateway"));

        ErrorKindTable ab = new ErrorKindTable();
        ab.add(first);
        ab.add(second);
        ErrorKindTable ba = new ErrorKindTable();
        ba.add(second);
        ba.add(first);
        ErrorKinds expected = new ErrorKinds(List.of(new ErrorKind("500", "order <n> failed", 3, "order 12 failed"),
                new ErrorKind("502", "Bad Gateway", 1, "Bad Gateway")), 0);
        assertThat(ab.toKinds()).isEqualTo(expected);
        assertThat(ba.toKinds()).isEqualTo(expected);

        // from documents: the same rules, and an empty example (an older or a hand-written document) never wins
        ErrorKindTable docs = new ErrorKindTable();
        docs.add(new ErrorKinds(List.of(new ErrorKind("500", "m", 2, "")), 1));
        docs.add(new ErrorKinds(List.of(new ErrorKind("500", "m", 3, "zz")), 2));
        docs.add(new ErrorKinds(List.of(new ErrorKind("500", "m", 4, "")), 0));
        docs.add(new ErrorKinds(List.of(new ErrorKind("500", "m", 1, "yy")), 0));
        docs.add(new ErrorKinds(List.of(new ErrorKind("500", "m", 1, "zzz")), 0));
        assertThat(docs.toKinds()).isEqualTo(new ErrorKinds(List.of(new ErrorKind("500", "m", 11, "yy")), 3));
    }

    @Test
    void aMergeCutsToTheCapacityOnceAndCountsTheCutKindsAsOthers() {
        ErrorKindTable a = table(ErrorKinds.CAPACITY, 3, "a");
        a.record(kind("500", "overflow")); // others 1
        ErrorKindTable b = table(ErrorKinds.CAPACITY, 1, "b");
        b.record(kind("500", "b a")); // "b a" has 2

        ErrorKindTable merged = new ErrorKindTable();
        merged.add(a);
        merged.add(b);
        ErrorKinds kinds = merged.toKinds();
        assertThat(kinds.kinds()).hasSize(ErrorKinds.CAPACITY);
        assertThat(kinds.kinds()).allSatisfy(k -> assertThat(k.count()).isEqualTo(3));
        assertThat(kinds.others()).isEqualTo(1 + ErrorKinds.CAPACITY + 1);
        assertThat(kinds.total()).isEqualTo(3L * ErrorKinds.CAPACITY + 1 + ErrorKinds.CAPACITY + 1);

        // the merged table keeps all its kinds until it is cut: merging it again loses nothing
        ErrorKindTable again = new ErrorKindTable();
        again.add(merged);
        again.add(b);
        ErrorKinds twice = again.toKinds();
        assertThat(twice.kinds()).extracting(ErrorKind::message).startsWith("b a");
        assertThat(twice.kinds().get(0).count()).isEqualTo(4);
        assertThat(twice.total()).isEqualTo(kinds.total() + ErrorKinds.CAPACITY + 1);
    }

    @Test
    void anEmptyTableIsNoErrors() {
        assertThat(new ErrorKindTable().toKinds()).isEqualTo(ErrorKinds.none());
        ErrorKindTable onlyOthers = new ErrorKindTable();
        onlyOthers.add(new ErrorKinds(List.of(), 5));
        assertThat(onlyOthers.toKinds()).isEqualTo(new ErrorKinds(List.of(), 5));
    }

    @Test
    void theFootprintGrowsWithTheTextsKeptAndStopsAtTheCapacity() {
        ErrorKindTable table = new ErrorKindTable();
        long empty = table.footprintBytes();
        assertThat(empty).isPositive();
        table.record(kind("500", "m".repeat(100)));
        long one = table.footprintBytes();
        assertThat(one - empty).isGreaterThanOrEqualTo(3 + 2 * 100);
        table.record(kind("500", "m".repeat(100)));
        assertThat(table.footprintBytes()).isEqualTo(one);
        ErrorKindTable full = table(ErrorKinds.CAPACITY, 1, "x");
        long bytes = full.footprintBytes();
        for (int i = 0; i < 1000; i++) {
            full.record(kind("500", "new cause " + Integer.toString(i, 26).replaceAll("[0-9]", "q")));
        }
        assertThat(full.footprintBytes()).isEqualTo(bytes);
        assertThat(full.footprintBytes()).isGreaterThan(empty + ErrorKinds.CAPACITY * 10L);
    }

    @Test
    void theCacheNeverMixesUpInputsThatShareAResponse() {
        ErrorKindTable.Cache cache = new ErrorKindTable.Cache();
        // same response code and message (so the same slot), different assertion failure: two kinds
        ErrorKindTable.PendingKind first = cache.kind(ErrorClass.ASSERTION, "200", "OK", "Test failed: expected /a/");
        ErrorKindTable.PendingKind second = cache.kind(ErrorClass.ASSERTION, "200", "OK", "Test failed: expected /b/");
        assertThat(first.message).isEqualTo("Test failed: expected /a/");
        assertThat(second.message).isEqualTo("Test failed: expected /b/");
        assertThat(cache.kind(ErrorClass.ASSERTION, "200", "OK", "Test failed: expected /a/").message)
                .isEqualTo("Test failed: expected /a/");
        // the same strings in another class choose another message
        assertThat(cache.kind(ErrorClass.HTTP_5XX, "200", "OK", "Test failed: expected /a/").message).isEqualTo("OK");
        assertThat(cache.kind(ErrorClass.ASSERTION, "200", "OK", "Test failed: expected /a/").message)
                .isEqualTo("Test failed: expected /a/");
        // null and empty are the same input
        ErrorKindTable.PendingKind nulls = cache.kind(ErrorClass.OTHER, null, null, null);
        assertThat(cache.kind(ErrorClass.OTHER, "", "", "")).isSameAs(nulls);
        assertThat(nulls.code).isEmpty();
        assertThat(nulls.message).isEmpty();
        assertThat(cache.kind(ErrorClass.OTHER, "", "", "x").message).isEqualTo("x");
        assertThat(cache.kind(ErrorClass.OTHER, "x", "", "").code).isEqualTo("x");
        assertThat(cache.kind(ErrorClass.OTHER, "", "", "").message).isEmpty();
        // a repeat is answered from the cache
        ErrorKindTable.PendingKind ise = cache.kind(ErrorClass.HTTP_5XX, "500", "Internal Server Error", "");
        assertThat(cache.kind(ErrorClass.HTTP_5XX, "500", "Internal Server Error", "")).isSameAs(ise);
        assertThat(cache.kind(ErrorClass.HTTP_5XX, "500", "Internal Server Error", null)).isSameAs(ise);
    }

    @Test
    void theCacheHoldsOnlyShortInputsAndLongOnesStillGiveTheirKind() {
        ErrorKindTable.Cache cache = new ErrorKindTable.Cache();
        String exact = "m".repeat(1024 - 3);
        ErrorKindTable.PendingKind cached = cache.kind(ErrorClass.HTTP_5XX, "500", exact, null);
        assertThat(cache.kind(ErrorClass.HTTP_5XX, "500", exact, null)).isSameAs(cached);
        String longer = "m".repeat(1024 - 2);
        ErrorKindTable.PendingKind notCached = cache.kind(ErrorClass.HTTP_5XX, "500", longer, null);
        assertThat(cache.kind(ErrorClass.HTTP_5XX, "500", longer, null)).isNotSameAs(notCached);
        assertThat(notCached.code).isEqualTo("500");
        assertThat(notCached.message).hasSize(ErrorKinds.MAX_MESSAGE_CHARS);
        assertThat(notCached.example).hasSize(ErrorKinds.MAX_EXAMPLE_CHARS);
        ErrorKindTable.PendingKind longFailure = cache.kind(ErrorClass.ASSERTION, "", "", "f".repeat(1025));
        assertThat(cache.kind(ErrorClass.ASSERTION, "", "", "f".repeat(1025))).isNotSameAs(longFailure);
        assertThat(cache.kind(ErrorClass.ASSERTION, "c".repeat(1025), "", "")).isNotSameAs(
                cache.kind(ErrorClass.ASSERTION, "c".repeat(1025), "", ""));
    }

    @Test
    void twoAssertionFailuresOfOneResponseAreTwoKindsInARun() {
        ResultAggregator aggregator = new ResultAggregator();
        for (int i = 0; i < 3; i++) {
            aggregator.accept(new Sample(1_700_000_000_000L + i, 5, "api", "200", "OK", false,
                    "Test failed: text expected to contain /a/", 0, 0, 0, 0, 1));
            aggregator.accept(new Sample(1_700_000_000_000L + i, 5, "api", "200", "OK", false,
                    "Test failed: text expected to contain /b/", 0, 0, 0, 0, 1));
        }
        assertThat(aggregator.finish().label("api").errorKinds().kinds()).extracting(ErrorKind::describe,
                ErrorKind::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("200: Test failed: text expected to contain /a/", 3L),
                org.assertj.core.groups.Tuple.tuple("200: Test failed: text expected to contain /b/", 3L));
    }
}
