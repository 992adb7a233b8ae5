package io.secperf.tls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.secperf.result.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link TlsReport} as one JSON document ({@code secperf scan tls --format json}, {@code tls-report.json}): every
 * fact the text tables show, in fields a CI job can read instead of scraping text. The layout is versioned
 * ({@code "format": "secperf-tls-report", "version": 1}) and documented field by field in docs/security-checks.md;
 * fields are only ever added within a version.
 */
public final class TlsReportJson {

    public static final String FORMAT = "secperf-tls-report";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TlsReportJson() {
    }

    /** Pretty-printed JSON, ending without a newline. */
    public static String render(TlsReport r) {
        try {
            return JSON.writeValueAsString(tree(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the TLS report as JSON: " + e.getMessage(), e);
        }
    }

    /** The document as nested maps and lists (what {@link #render} writes). */
    public static Map<String, Object> tree(TlsReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("host", r.host());
        target.put("port", r.port());
        target.put("serverName", r.serverName());
        root.put("target", target);
        root.put("startedAt", r.startedAt().toString());
        root.put("elapsedMs", r.elapsedMillis());
        root.put("connections", r.handshakes());
        root.put("complete", r.complete());

        Grade g = r.grade();
        Map<String, Object> grade = new LinkedHashMap<>();
        grade.put("letter", g.letter());
        grade.put("provisional", g.provisional());
        grade.put("score", g.score());
        grade.put("letterIgnoringTrust", g.letterIgnoringTrust());
        grade.put("caps", g.caps());
        grade.put("warnings", g.warnings());
        root.put("grade", grade);

        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", r.compliance().profile().id());
        profile.put("compliant", r.compliance().compliant());
        profile.put("violations", r.compliance().violations());
        root.put("profile", profile);

        List<Object> protocols = new ArrayList<>();
        for (ProtocolSupport p : r.protocols()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", p.version().displayName());
            m.put("status", p.status());
            m.put("accepted", p.accepted());
            m.put("complete", p.complete());
            m.put("order", p.accepted() ? p.preference().name().toLowerCase(Locale.ROOT) : null);
            m.put("detail", p.detail());
            List<Object> suites = new ArrayList<>();
            for (AcceptedSuite s : p.suites()) {
                CipherSuite c = s.suite();
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("id", c.hexId());
                sm.put("name", c.name());
                sm.put("bits", c.bits());
                sm.put("keyExchangeGroup", s.keyExchangeGroup());
                sm.put("keyExchangeBits", s.keyExchangeBits());
                sm.put("category", c.category().name());
                sm.put("class", c.category().label());
                suites.add(sm);
            }
            m.put("suites", suites);
            protocols.add(m);
        }
        root.put("protocols", protocols);

        CertificateReport c = r.certificate();
        if (c == null) {
            root.put("certificate", null);
        } else {
            Map<String, Object> cert = new LinkedHashMap<>();
            cert.put("source", c.source());
            cert.put("checkedName", c.checkedName());
            cert.put("nameMatches", c.nameMatches());
            cert.put("chainStatus", c.chainStatus().name());
            cert.put("chainDetail", c.chainDetail());
            cert.put("daysLeft", c.daysLeft());
            cert.put("lifetimeDays", c.lifetimeDays());
            cert.put("expired", c.expired());
            cert.put("notYetValid", c.notYetValid());
            List<Object> chain = new ArrayList<>();
            for (CertificateFacts f : c.chain()) {
                chain.add(facts(f));
            }
            cert.put("leaf", chain.isEmpty() ? null : chain.get(0));
            cert.put("chain", chain);
            root.put("certificate", cert);
        }

        root.put("secureRenegotiation", r.secureRenegotiation().name());
        RenegotiationResult reneg = r.clientRenegotiation();
        Map<String, Object> rm = new LinkedHashMap<>();
        rm.put("status", reneg.status().name());
        rm.put("succeeded", reneg.succeeded());
        rm.put("attempts", reneg.attempts());
        rm.put("detail", reneg.detail());
        root.put("clientRenegotiation", rm);

        HstsResult h = r.hsts();
        Map<String, Object> hm = new LinkedHashMap<>();
        hm.put("status", h.status().name());
        hm.put("header", h.header());
        hm.put("maxAgeSeconds", h.maxAgeSeconds());
        hm.put("includeSubDomains", h.includeSubDomains());
        hm.put("preload", h.preload());
        hm.put("httpStatus", h.httpStatus());
        hm.put("detail", h.detail());
        root.put("hsts", hm);

        HandshakeTiming t = r.handshake();
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("medianMs", t.medianMillis() >= 0 ? t.medianMillis() : null);
        tm.put("samplesMs", t.samplesMillis());
        tm.put("protocol", t.protocol());
        tm.put("cipherSuite", t.cipherSuite());
        tm.put("error", t.error());
        root.put("handshake", tm);

        List<Object> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("id", f.id());
            fm.put("severity", f.severity().name());
            fm.put("title", f.title());
            fm.put("evidence", f.evidence());
            fm.put("remediation", f.remediation());
            findings.add(fm);
        }
        root.put("findings", findings);
        root.put("measurements", new TreeMap<>(r.measurements()));
        root.put("notes", r.notes());
        return root;
    }

    private static Map<String, Object> facts(CertificateFacts f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", f.subject());
        m.put("issuer", f.issuer());
        m.put("serialHex", f.serialHex());
        m.put("notBefore", f.notBefore().toString());
        m.put("notAfter", f.notAfter().toString());
        m.put("keyAlgorithm", f.keyAlgorithm());
        m.put("keyBits", f.keyBits());
        m.put("signatureAlgorithm", f.signatureAlgorithm());
        m.put("dnsNames", f.dnsNames());
        m.put("ipAddresses", f.ipAddresses());
        m.put("selfSigned", f.selfSigned());
        m.put("sha256Fingerprint", f.sha256Fingerprint());
        return m;
    }
}
