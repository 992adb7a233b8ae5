package io.secperf.chart;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that chart bytes are real images: a decodable PNG of the right size, a well-formed SVG without script. */
final class ChartAssertions {

    private ChartAssertions() {
    }

    static void assertHeadless() {
        assertThat(GraphicsEnvironment.isHeadless()).as("tests must run with java.awt.headless=true").isTrue();
    }

    static BufferedImage png(byte[] bytes, int width, int height) {
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isEqualTo(width);
            assertThat(image.getHeight()).isEqualTo(height);
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the SVG (no DTDs, no external entities), asserts size and that it holds no script or foreign object. */
    static Document svg(byte[] bytes, int width, int height) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // JFreeSVG writes the SVG 1.1 DOCTYPE; never fetch it, never expand entities
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setNamespaceAware(true);
            factory.setExpandEntityReferences(false);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
            assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
            assertThat(Double.parseDouble(document.getDocumentElement().getAttribute("width"))).isEqualTo(width);
            assertThat(Double.parseDouble(document.getDocumentElement().getAttribute("height"))).isEqualTo(height);
            NodeList scripts = document.getElementsByTagNameNS("*", "script");
            assertThat(scripts.getLength()).isZero();
            assertThat(document.getElementsByTagNameNS("*", "foreignObject").getLength()).isZero();
            assertNoEventHandlers(document.getDocumentElement());
            assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContainIgnoringCase("<script");
            return document;
        } catch (Exception e) {
            throw new AssertionError("not a well-formed SVG: " + e.getMessage(), e);
        }
    }

    private static void assertNoEventHandlers(Element element) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String name = attributes.item(i).getNodeName().toLowerCase(java.util.Locale.ROOT);
            assertThat(name).as("attribute of <%s>", element.getNodeName()).doesNotStartWith("on");
            if (name.endsWith("href")) {
                assertThat(attributes.item(i).getNodeValue()).startsWith("#");
            }
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                assertNoEventHandlers(child);
            }
        }
    }

    /** The text of all SVG text elements, joined by newlines. */
    static String svgText(Document document) {
        NodeList texts = document.getElementsByTagNameNS("*", "text");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < texts.getLength(); i++) {
            all.append(texts.item(i).getTextContent()).append('\n');
        }
        return all.toString();
    }

    /** Red, green, blue of a pixel. */
    static int[] rgb(BufferedImage image, double x, double y) {
        int value = image.getRGB((int) Math.round(x), (int) Math.round(y));
        return new int[] {(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF};
    }
}
