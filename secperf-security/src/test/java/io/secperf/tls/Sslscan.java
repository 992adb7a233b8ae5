package io.secperf.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Runs Debian's sslscan against a loopback port and reads its XML (DTDs and entities disabled). */
final class Sslscan {

    /** What sslscan saw: accepted versions (TLSv1.0 style), suite ids per version, certificate and renegotiation. */
    record Scan(Set<String> protocols, Map<String, Set<Integer>> suites, boolean secureRenegotiation,
                boolean selfSigned, boolean expired, String keyType, int keyBits, String signatureAlgorithm,
                long wallMillis) {
    }

    private Sslscan() {
    }

    static Scan scan(int port, String sni) throws Exception {
        String sslscan = ServerProcess.requireTool(io.secperf.testsupport.SystemTool.SSLSCAN);
        List<String> cmd = new ArrayList<>(List.of(sslscan, "--no-colour", "--xml=-"));
        if (sni != null) {
            cmd.add("--sni-name=" + sni);
        }
        cmd.add("127.0.0.1:" + port);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("sslscan did not finish");
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        return parse(out, wall);
    }

    static Scan parse(byte[] xml, long wall) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        Document doc = b.parse(new ByteArrayInputStream(new String(xml, StandardCharsets.UTF_8).strip()
                .getBytes(StandardCharsets.UTF_8)));
        Set<String> protocols = new TreeSet<>();
        NodeList ps = doc.getElementsByTagName("protocol");
        for (int i = 0; i < ps.getLength(); i++) {
            Element e = (Element) ps.item(i);
            if ("1".equals(e.getAttribute("enabled"))) {
                protocols.add(name(e.getAttribute("type"), e.getAttribute("version")));
            }
        }
        Map<String, Set<Integer>> suites = new TreeMap<>();
        NodeList cs = doc.getElementsByTagName("cipher");
        for (int i = 0; i < cs.getLength(); i++) {
            Element e = (Element) cs.item(i);
            String v = e.getAttribute("sslversion").replace("TLSv1.0", "TLSv1.0");
            suites.computeIfAbsent(v, k -> new TreeSet<>()).add(Integer.parseInt(e.getAttribute("id").substring(2), 16));
        }
        Element reneg = (Element) doc.getElementsByTagName("renegotiation").item(0);
        boolean secure = reneg != null && "1".equals(reneg.getAttribute("secure"));
        Element cert = (Element) doc.getElementsByTagName("certificate").item(0);
        boolean selfSigned = false;
        boolean expired = false;
        String keyType = null;
        int keyBits = 0;
        String sig = null;
        if (cert != null) {
            selfSigned = "true".equals(text(cert, "self-signed"));
            expired = "true".equals(text(cert, "expired"));
            sig = text(cert, "signature-algorithm");
            Element pk = (Element) cert.getElementsByTagName("pk").item(0);
            if (pk != null) {
                keyType = pk.getAttribute("type");
                keyBits = Integer.parseInt(pk.getAttribute("bits"));
            }
        }
        return new Scan(protocols, suites, secure, selfSigned, expired, keyType, keyBits, sig, wall);
    }

    /** The probe's accepted suites per protocol in sslscan's terms: "TLSv1.2" to IANA ids. */
    static Map<String, Set<Integer>> suitesOf(TlsReport report) {
        Map<String, Set<Integer>> suites = new TreeMap<>();
        for (ProtocolSupport p : report.protocols()) {
            if (p.accepted()) {
                suites.put(p.version().displayName(), p.suites().stream().map(s -> s.suite().id())
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
            }
        }
        return suites;
    }

    private static String name(String type, String version) {
        if (type.equals("ssl")) {
            return "SSLv" + version;
        }
        return "TLSv" + version;
    }

    private static String text(Element parent, String tag) {
        NodeList n = parent.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().strip();
    }
}
