package io.secperf.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Which security check families ran and the named values they measured ({@code tls.grade}, {@code auth.bypass} ...),
 * so security gates can tell "measured 0" from "not measured": no data is not a pass.
 *
 * @param checks       check families that ran ("tls", "auth", "fuzz", "attack"), in the order they reported
 * @param measurements named values (sorted by name) as text in gate-language form, e.g. tls.grade → "A", tls.protocol.min → "TLSv1.2"
 */
public record SecurityData(List<String> checks, Map<String, String> measurements) {

    public SecurityData {
        checks = checks == null ? List.of() : List.copyOf(new LinkedHashSet<>(checks));
        measurements = measurements == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(measurements));
    }

    /** Nothing ran. */
    public static SecurityData none() {
        return new SecurityData(List.of(), Map.of());
    }

    /** Union of the check families; for a value measured by several documents the first one wins. */
    public static SecurityData merge(List<SecurityData> all) {
        List<String> checks = new ArrayList<>();
        Map<String, String> measurements = new LinkedHashMap<>();
        for (SecurityData data : all) {
            checks.addAll(data.checks());
            data.measurements().forEach(measurements::putIfAbsent);
        }
        return new SecurityData(checks, measurements);
    }
}
