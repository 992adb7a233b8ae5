package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secperf.result.Sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JtlTest {

    @TempDir
    Path dir;

    @Test
    void picksTheReaderFromTheContentNotTheName() throws IOException {
        Path csv = Files.writeString(dir.resolve("a.xml"), "\uFEFFtimeStamp,elapsed,label,success\n1,2,csv,true\n");
        Path xml = Files.writeString(dir.resolve("b.csv"), "\n  \n<testResults version=\"1.2\">"
                + "<sample t=\"2\" ts=\"1\" s=\"true\" lb=\"xml\"/></testResults>");
        Path bomXml = Files.writeString(dir.resolve("c.jtl"), "\uFEFF<?xml version=\"1.0\"?>\n<testResults "
                + "version=\"1.2\"><sample t=\"2\" ts=\"1\" s=\"true\" lb=\"bom\"/></testResults>");
        assertThat(Jtl.detect(csv)).isEqualTo(JtlFormat.CSV);
        assertThat(Jtl.detect(xml)).isEqualTo(JtlFormat.XML);
        assertThat(Jtl.detect(bomXml)).isEqualTo(JtlFormat.XML);

        TestSamples.Collector c = new TestSamples.Collector();
        assertThat(Jtl.read(csv, c).format()).isEqualTo(JtlFormat.CSV);
        assertThat(Jtl.read(xml, c).format()).isEqualTo(JtlFormat.XML);
        assertThat(Jtl.read(bomXml, c).format()).isEqualTo(JtlFormat.XML);
        assertThat(c.samples).extracting(Sample::label).containsExactly("csv", "xml", "bom");
    }

    @Test
    void emptyBlankMissingAndDirectoryAreClearErrors() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.jtl"), "");
        Path blank = Files.writeString(dir.resolve("blank.jtl"), " \n\r\n\t\n");
        for (Path p : new Path[] {empty, blank}) {
            assertThatThrownBy(() -> Jtl.read(p, s -> { }))
                    .isInstanceOf(JtlException.class)
                    .hasMessage(p + ": file is empty; expected a JMeter result file (CSV with a header line, or XML "
                            + "<testResults>)")
                    .extracting(e -> ((JtlException) e).kind()).isEqualTo(JtlException.Kind.EMPTY);
        }
        Path missing = dir.resolve("nope.jtl");
        assertThatThrownBy(() -> Jtl.read(missing, s -> { }))
                .isInstanceOf(JtlException.class).hasMessage(missing + ": JTL file not found")
                .extracting(e -> ((JtlException) e).kind()).isEqualTo(JtlException.Kind.MISSING);
        assertThatThrownBy(() -> Jtl.read(dir, s -> { }))
                .isInstanceOf(JtlException.class).hasMessage(dir + ": is a directory, expected a JTL file");
    }
}
