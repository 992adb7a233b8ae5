package io.secperf.result;

/**
 * Which tool wrote a result document, to explain differences between documents written by different versions.
 *
 * @param name    always "secperf"
 * @param version secperf version ("dev" when running from classes without a jar manifest)
 * @param java    Java runtime version that produced the document
 */
public record GeneratorInfo(String name, String version, String java) {

    /** This tool, this JVM. */
    public static GeneratorInfo current() {
        String version = GeneratorInfo.class.getPackage().getImplementationVersion();
        return new GeneratorInfo("secperf", version == null ? "dev" : version, System.getProperty("java.version"));
    }
}
