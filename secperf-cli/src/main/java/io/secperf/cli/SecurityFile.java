package io.secperf.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.secperf.result.AtomicFiles;
import io.secperf.run.FindingCollector;

/**
 * {@code secperf-security.json}: the security checks that ran, their gate measurements (e.g. {@code tls.grade}) and
 * findings. Written next to the result document because schema version 1 of {@code secperf-result.json} has no
 * place for named measurements yet (its findings list carries the findings too).
 */
final class SecurityFile {

    static final String FILE_NAME = "secperf-security.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SecurityFile() {
    }

    static Path write(Path outDir, FindingCollector collected) {
        Path file = outDir.resolve(FILE_NAME);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("checks", collected.checks());
        root.put("measurements", collected.measurements());
        root.put("findings", collected.findings());
        try {
            byte[] json = MAPPER.writeValueAsBytes(root);
            AtomicFiles.write(file, stream -> stream.write(json));
            return file;
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, "cannot write " + file + ": "
                    + OutputDirectory.describe(e), e);
        }
    }
}
