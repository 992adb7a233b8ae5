package io.secperf.tls;

import io.secperf.result.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link TlsReport} as plain-text tables for a terminal ({@code secperf scan tls}): target and grade,
 * protocols, accepted suites with their classification, certificate, HSTS and renegotiation, profile violations,
 * and the findings. Plain ASCII, no colours, stable column order so the output can be diffed.
 */
public final class TlsScanReport {

    private TlsScanReport() {
    }

    public static String render(TlsReport r) {
        StringBuilder out = new StringBuilder();
        out.append("TLS scan of ").append(r.host()).append(':').append(r.port());
        if (!r.serverName().equals(r.host())) {
            out.append(" (server name ").append(r.serverName()).append(')');
        }
        out.append('\n');
        out.append("Grade ").append(r.grade().letter());
        if (r.grade().provisional()) {
            out.append(" (PROVISIONAL: the probe is incomplete, see TLS-PROBE-INCOMPLETE)");
        }
        if (!r.grade().letter().equals(r.grade().letterIgnoringTrust())) {
            out.append(" (").append(r.grade().letterIgnoringTrust()).append(" if the certificate were trusted)");
        }
        out.append(", score ").append(r.grade().score()).append(", Mozilla ").append(r.compliance().profile().id())
                .append(r.compliance().compliant() ? ": compliant" : ": not compliant").append('\n');
        out.append(String.format(Locale.ROOT, "%d handshakes in %d ms%s%n%n", r.handshakes(), r.elapsedMillis(),
                r.complete() ? "" : " (INCOMPLETE)"));

        List<String[]> protocolRows = new ArrayList<>();
        for (ProtocolSupport p : r.protocols()) {
            protocolRows.add(new String[] {p.version().displayName(), p.status(),
                    p.accepted() ? Integer.toString(p.suites().size()) : "",
                    p.accepted() ? p.preference().name().toLowerCase(Locale.ROOT) : "",
                    p.detail() == null ? "" : p.detail()});
        }
        table(out, new String[] {"Protocol", "Status", "Suites", "Order", "Detail"}, protocolRows);

        List<String[]> suiteRows = new ArrayList<>();
        for (ProtocolSupport p : r.protocols()) {
            for (AcceptedSuite s : p.suites()) {
                CipherSuite c = s.suite();
                String kex = s.keyExchangeGroup() == null ? "" : s.keyExchangeGroup()
                        + (s.keyExchangeBits() > 0 ? " " + s.keyExchangeBits() : "");
                suiteRows.add(new String[] {p.version().displayName(), c.hexId(), c.name(),
                        Integer.toString(c.bits()), kex, c.category().label()});
            }
        }
        if (!suiteRows.isEmpty()) {
            table(out, new String[] {"Protocol", "Id", "Suite", "Bits", "Key exchange", "Class"}, suiteRows);
        }

        List<String[]> facts = new ArrayList<>();
        CertificateReport c = r.certificate();
        if (c != null) {
            CertificateFacts leaf = c.leaf();
            facts.add(new String[] {"Certificate", leaf.subject()});
            facts.add(new String[] {"Issuer", leaf.issuer()});
            facts.add(new String[] {"Key / signature", leaf.keyAlgorithm() + " " + leaf.keyBits() + " / "
                    + leaf.signatureAlgorithm()});
            facts.add(new String[] {"Valid", leaf.notBefore() + " to " + leaf.notAfter() + " (" + c.daysLeft()
                    + " days left, lifetime " + c.lifetimeDays() + " d)"});
            facts.add(new String[] {"Names", "DNS " + leaf.dnsNames() + " IP " + leaf.ipAddresses()
                    + (c.nameMatches() ? " - matches " : " - does NOT match ") + c.checkedName()});
            facts.add(new String[] {"Chain", c.chainStatus() + ", " + c.chain().size() + " served: " + c.chainDetail()});
        } else {
            facts.add(new String[] {"Certificate", "not obtained"});
        }
        facts.add(new String[] {"Secure renegotiation", r.secureRenegotiation().name()});
        facts.add(new String[] {"Client renegotiation", r.clientRenegotiation().status() + ": "
                + r.clientRenegotiation().detail()});
        HstsResult h = r.hsts();
        facts.add(new String[] {"HSTS", h.status() + (h.header() != null ? ": " + h.header() : "")
                + (h.detail() != null ? " (" + h.detail() + ")" : "")});
        HandshakeTiming t = r.handshake();
        facts.add(new String[] {"Handshake", t.medianMillis() >= 0
                ? String.format(Locale.ROOT, "%.1f ms median of %d (%s, %s)", t.medianMillis(),
                t.samplesMillis().size(), t.protocol(), t.cipherSuite())
                : "not measured: " + t.error()});
        table(out, new String[] {"Check", "Result"}, facts);

        if (!r.compliance().violations().isEmpty()) {
            out.append("Mozilla ").append(r.compliance().profile().id()).append(" violations:\n");
            r.compliance().violations().forEach(v -> out.append("  - ").append(v).append('\n'));
            out.append('\n');
        }
        if (!r.grade().caps().isEmpty() || !r.grade().warnings().isEmpty()) {
            out.append("Grade caps:\n");
            r.grade().caps().forEach(v -> out.append("  - ").append(v).append('\n'));
            r.grade().warnings().forEach(v -> out.append("  - A-: ").append(v).append('\n'));
            out.append('\n');
        }
        if (r.findings().isEmpty()) {
            out.append("No findings.\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            for (Finding f : r.findings()) {
                rows.add(new String[] {f.severity().name(), f.id(), f.title(), f.evidence()});
            }
            table(out, new String[] {"Severity", "Id", "Finding", "Evidence"}, rows);
        }
        for (String note : r.notes()) {
            out.append("Note: ").append(note).append('\n');
        }
        return out.toString();
    }

    private static void table(StringBuilder out, String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], Math.min(row[i].length(), i == row.length - 1 ? 200 : 60));
            }
        }
        line(out, header, width);
        String[] rule = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        line(out, rule, width);
        for (String[] row : rows) {
            line(out, row, width);
        }
        out.append('\n');
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].replace('\n', ' ');
            if (i < cells.length - 1) {
                l.append(String.format(Locale.ROOT, "%-" + width[i] + "s  ", cell));
            } else {
                l.append(cell);
            }
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }
}
