package io.secperf.jtl;

import io.secperf.result.Sample;
import io.secperf.result.SampleSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a JMeter XML result file ({@code <testResults>} with {@code <httpSample>}/{@code <sample>} elements) into a
 * {@link SampleSink} with StAX, so memory does not grow with the file. Only top-level samples are delivered, as
 * JMeter's aggregate report counts them; nested sub-samples (redirects, embedded resources, transaction children)
 * are skipped. The failure message is the first {@code assertionResult/failureMessage} of the sample, which is what
 * JMeter's CSV writer puts in its failureMessage column.
 *
 * <p>Result files come from other machines, so the parser is locked down: no DTDs, no external entities, and a
 * document carrying a DOCTYPE is rejected before anything is expanded. A sample element without ts, t, lb or s, or
 * with a non-numeric number, is counted and skipped. Malformed XML part way through (typically a file cut off when
 * JMeter was killed) stops the read but keeps every sample read so far and reports the line and column. Memory is
 * bounded whatever the file holds: a start tag or text longer than {@link MarkupBound#MAX_MARKUP_BYTES} stops the
 * read the same way, and every stored string is bounded by {@link io.secperf.text.BoundedText}.
 */
public final class JtlXmlReader {

    private static final XMLInputFactory FACTORY = secureFactory();

    public JtlReadStats read(Path file, SampleSink sink) throws IOException {
        try (InputStream in = Jtl.open(file)) {
            return read(in, file.toString(), sink);
        }
    }

    /** Reads a stream to its end; {@code sourceName} is used in messages. The stream is not closed. */
    public JtlReadStats read(InputStream in, String sourceName, SampleSink sink) throws IOException {
        return new Parse(sourceName, sink).run(in);
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    private static final class Parse {
        private final String source;
        private final SampleSink sink;
        private long rowsRead;
        private long rowsSkipped;
        private final List<JtlReadStats.SkippedRow> skipped = new ArrayList<>();

        private long timeStamp;
        private long elapsed;
        private String label;
        private String code;
        private String message;
        private Boolean success;
        private String failure;
        private long bytes;
        private long sentBytes;
        private long latency;
        private long connect;
        private int allThreads;
        private String invalid;
        private long sampleLine;

        Parse(String source, SampleSink sink) {
            this.source = source;
            this.sink = sink;
        }

        JtlReadStats run(InputStream in) throws IOException {
            XMLStreamReader r;
            try {
                r = FACTORY.createXMLStreamReader(new MarkupBound(in));
            } catch (XMLStreamException e) {
                throw notAJtl("cannot start reading XML: " + oneLine(e));
            }
            boolean rootSeen = false;
            boolean inSample = false;
            int depth = 0;
            boolean inAssertion = false;
            try {
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw notAJtl("XML with a DOCTYPE declaration is not accepted (JMeter never writes one; "
                                + "DTDs and entities are disabled for safety)");
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        String name = r.getLocalName();
                        if (depth == 1) {
                            if (!"testResults".equals(name)) {
                                throw notAJtl("root element is <" + name + ">, expected JMeter's <testResults>");
                            }
                            rootSeen = true;
                        } else if (depth == 2) {
                            inSample = true;
                            beginSample(r);
                        } else if (depth == 3 && inSample && "assertionResult".equals(name)) {
                            inAssertion = true;
                        } else if (depth == 4 && inAssertion && failure == null && "failureMessage".equals(name)) {
                            failure = r.getElementText();
                            depth--;
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        if (depth == 2 && inSample) {
                            endSample();
                            inSample = false;
                        } else if (depth == 3) {
                            inAssertion = false;
                        }
                        depth--;
                    }
                }
                r.close();
            } catch (XMLStreamException e) {
                MarkupBound.TooLarge tooLarge = tooLarge(e);
                if (tooLarge != null) {
                    if (!rootSeen) {
                        throw notAJtl(tooLarge.getMessage());
                    }
                    return stats(tooLarge.getMessage() + "; the read stopped there"
                            + (inSample ? " (the sample being read there was dropped)" : ""));
                }
                if (!rootSeen) {
                    throw notAJtl("not a JMeter XML result file: " + oneLine(e));
                }
                Location at = e.getLocation();
                String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
                String why = "malformed XML" + where + ": " + oneLine(e)
                        + (inSample ? " (the sample being read there was dropped)" : "");
                return stats(why);
            }
            if (!rootSeen) {
                throw new JtlException(JtlException.Kind.EMPTY, source + ": no <testResults> element found; "
                        + "expected a JMeter XML result file");
            }
            return stats("");
        }

        private JtlReadStats stats(String incomplete) {
            return new JtlReadStats(source, JtlFormat.XML, rowsRead, rowsSkipped, skipped, incomplete);
        }

        private JtlException notAJtl(String why) {
            return new JtlException(JtlException.Kind.NOT_A_JTL, source + ": " + why);
        }

        private void beginSample(XMLStreamReader r) {
            sampleLine = r.getLocation().getLineNumber();
            timeStamp = Long.MIN_VALUE;
            elapsed = Long.MIN_VALUE;
            label = null;
            success = null;
            code = "";
            message = "";
            failure = null;
            bytes = 0;
            sentBytes = 0;
            latency = 0;
            connect = 0;
            allThreads = 0;
            invalid = null;
            String element = r.getLocalName();
            for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
                String v = r.getAttributeValue(i);
                switch (r.getAttributeLocalName(i)) {
                    case "ts" -> timeStamp = number(element, "ts", v);
                    case "t" -> elapsed = number(element, "t", v);
                    case "lt" -> latency = number(element, "lt", v);
                    case "ct" -> connect = number(element, "ct", v);
                    case "by" -> bytes = number(element, "by", v);
                    case "sby" -> sentBytes = number(element, "sby", v);
                    case "na" -> {
                        long threads = number(element, "na", v);
                        if ((threads > Integer.MAX_VALUE || threads < Integer.MIN_VALUE) && invalid == null) {
                            invalid = "<" + element + "> na='" + v + "' is out of range";
                        }
                        allThreads = (int) threads;
                    }
                    case "lb" -> label = v;
                    case "rc" -> code = v;
                    case "rm" -> message = v;
                    case "s" -> {
                        if ("true".equalsIgnoreCase(v)) {
                            success = Boolean.TRUE;
                        } else if ("false".equalsIgnoreCase(v)) {
                            success = Boolean.FALSE;
                        } else if (invalid == null) {
                            invalid = "<" + element + "> s='" + v + "' is not true or false";
                        }
                    }
                    default -> { }
                }
            }
            if (invalid == null) {
                List<String> missing = new ArrayList<>();
                if (timeStamp == Long.MIN_VALUE) {
                    missing.add("ts");
                }
                if (elapsed == Long.MIN_VALUE) {
                    missing.add("t");
                }
                if (label == null) {
                    missing.add("lb");
                }
                if (success == null) {
                    missing.add("s");
                }
                if (!missing.isEmpty()) {
                    invalid = "<" + element + "> lacks attribute(s) " + String.join(",", missing);
                }
            }
        }

        private long number(String element, String attribute, String v) {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                if (invalid == null) {
                    String shown = v.length() > 40 ? v.substring(0, 40) + "..." : v;
                    invalid = "<" + element + "> " + attribute + "='" + shown + "' is not a number";
                }
                return 0;
            }
        }

        private void endSample() {
            if (invalid != null) {
                rowsSkipped++;
                if (skipped.size() < JtlReadStats.MAX_REPORTED_SKIPS) {
                    skipped.add(new JtlReadStats.SkippedRow(sampleLine, invalid));
                }
                return;
            }
            rowsRead++;
            sink.accept(new Sample(timeStamp, elapsed, label, code, message, success, failure, bytes, sentBytes,
                    latency, connect, allThreads));
        }

        private static MarkupBound.TooLarge tooLarge(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof MarkupBound.TooLarge found) {
                    return found;
                }
                if (t instanceof XMLStreamException x && x.getNestedException() instanceof MarkupBound.TooLarge found) {
                    return found;
                }
            }
            return null;
        }

        private static String oneLine(XMLStreamException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            int i = m.indexOf("Message: ");
            if (i >= 0) {
                m = m.substring(i + "Message: ".length());
            }
            return m.replaceAll("\\s+", " ").trim();
        }
    }
}
