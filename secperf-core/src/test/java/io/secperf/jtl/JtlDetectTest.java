package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secperf.result.Sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format sniffing past long blank prefixes, and the concurrent read of both formats. */
class JtlDetectTest {

    @TempDir
    Path dir;

    @Test
    void blankPrefixesLongerThanTheSniffBufferAreLookedPast() throws IOException {
        String blank = " \t\r\n".repeat(5_000); // 20,000 bytes: more than one 8 KiB read
        Path xml = Files.writeString(dir.resolve("x.jtl"), blank + "<testResults version=\"1.2\">"
                + "<sample t=\"2\" ts=\"1\" s=\"true\" lb=\"xml\"/></testResults>");
        Path csv = Files.writeString(dir.resolve("c.jtl"), blank + "timeStamp,elapsed,label,success\n1,2,csv,true\n");
        assertThat(Jtl.detect(xml)).isEqualTo(JtlFormat.XML);
        assertThat(Jtl.detect(csv)).isEqualTo(JtlFormat.CSV);
        TestSamples.Collector c = new TestSamples.Collector();
        assertThat(Jtl.read(csv, c).rowsRead()).isEqualTo(1);
        assertThat(c.samples).containsExactly(new Sample(1, 2, "csv", "", "", true, "", 0, 0, 0, 0, 0));

        Path exactlyOneBuffer = Files.writeString(dir.resolve("e.jtl"), " ".repeat(8192));
        Path longBlank = Files.writeString(dir.resolve("b.jtl"), blank);
        for (Path p : new Path[] {exactlyOneBuffer, longBlank}) {
            assertThatThrownBy(() -> Jtl.detect(p)).isInstanceOf(JtlException.class)
                    .extracting(e -> ((JtlException) e).kind()).isEqualTo(JtlException.Kind.EMPTY);
        }
    }

    @Test
    void aByteOrderMarkAloneOrBeforeBlanksIsEmpty() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path onlyBom = Files.write(dir.resolve("bom.jtl"), bom);
        Path bomBlank = Files.write(dir.resolve("bom2.jtl"), (new String(bom, StandardCharsets.ISO_8859_1) + "\n ")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (Path p : new Path[] {onlyBom, bomBlank}) {
            assertThatThrownBy(() -> Jtl.detect(p)).isInstanceOf(JtlException.class)
                    .hasMessageContaining("file is empty");
        }
        // two bytes that start like a BOM are content
        Path notBom = Files.write(dir.resolve("nb.jtl"), new byte[] {(byte) 0xEF, (byte) 0xBB});
        assertThat(Jtl.detect(notBom)).isEqualTo(JtlFormat.CSV);
    }

    @Test
    void readConcurrentlyReadsBothFormatsAndFailsLikeRead() throws IOException {
        Path xml = Files.writeString(dir.resolve("x.jtl"), JtlXmlReaderTest.JMETER_XML);
        TestSamples.Collector plain = new TestSamples.Collector();
        TestSamples.Collector concurrent = new TestSamples.Collector();
        JtlReadStats a = Jtl.read(xml, plain);
        JtlReadStats b = Jtl.readConcurrently(xml, concurrent);
        assertThat(b).isEqualTo(a);
        assertThat(concurrent.samples).hasSize(3).isEqualTo(plain.samples);

        Path missing = dir.resolve("missing.jtl");
        assertThatThrownBy(() -> Jtl.readConcurrently(missing, s -> { }))
                .isInstanceOf(JtlException.class).hasMessage(missing + ": JTL file not found");
    }
}
