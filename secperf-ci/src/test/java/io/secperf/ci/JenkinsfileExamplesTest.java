package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.junit.jupiter.api.Test;

/**
 * Parses every Jenkinsfile in jenkinsfile-examples/ with the real Groovy parser and checks each secPerfTest and
 * secPerfGate call against the parameter model the plugin uses: unknown names fail, literal values must pass the
 * same checks the steps run before they start. Dynamic values (GStrings, variables) are checked by name only.
 */
class JenkinsfileExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "jenkinsfile-examples");
    private static final Object DYNAMIC = new Object() {
        @Override
        public String toString() {
            return "<dynamic>";
        }
    };

    record Call(String file, int line, String step, Map<String, Object> arguments) {
    }

    @Test
    void everyExampleCallMatchesTheParameterModel() throws IOException {
        List<Call> calls = new ArrayList<>();
        List<Path> files = examples();
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        for (Path file : files) {
            List<Call> found = calls(file);
            assertThat(found).as("%s calls a secperf step", file.getFileName()).isNotEmpty();
            calls.addAll(found);
        }
        List<String> problems = new ArrayList<>();
        for (Call call : calls) {
            problems.addAll(check(call));
        }
        assertThat(problems).isEmpty();
        assertThat(calls).extracting(Call::step).contains("secPerfTest", "secPerfGate");
        assertThat(calls.stream().filter(c -> c.step().equals("secPerfGate")).map(c -> c.arguments().keySet()))
                .anySatisfy(k -> assertThat(k).contains("require"))
                .anySatisfy(k -> assertThat(k).contains("results", "gates"));
    }

    @Test
    void examplesCoverDeclarativeAndScriptedAndEveryDocumentedScenario() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path f : examples()) {
            texts.add(Files.readString(f));
        }
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("pipeline {"));
        assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("//").doesNotContain("pipeline {").contains("node("));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("credentialsId:"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("parallel"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("secPerfGate(require:"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("remote:").contains("remoteMin:"));
        // Warnings NG reads the SARIF file the steps write into their default output directory
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("recordIssues(tools: [sarif(pattern: '"
                + TestStepParameters.DEFAULT_OUT + "/" + RunnerInvocation.SARIF_FILE + "'"));
    }

    @Test
    void theCheckCatchesDrift() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("plan", "perf/a.jmx");
        args.put("treshold", "5");
        args.put("failOn", "SOMETIMES");
        List<String> problems = check(new Call("x", 1, "secPerfTest", args));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("unknown parameter 'treshold'"))
                .anySatisfy(p -> assertThat(p).contains("failOn must be FAILURE, UNSTABLE or NEVER"));
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("template", "login-flow");
        secret.put("properties", Map.of("password", "hunter2"));
        assertThat(check(new Call("x", 1, "secPerfTest", secret)))
                .anySatisfy(p -> assertThat(p).contains("looks like a secret"));
    }

    private static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(p -> p.getFileName().toString().endsWith("Jenkinsfile")).sorted().toList();
        }
    }

    static List<String> check(Call call) {
        List<String> problems = new ArrayList<>();
        String where = call.file() + ":" + call.line() + " " + call.step() + ": ";
        var names = call.step().equals(TestStepParameters.FUNCTION) ? TestStepParameters.NAMES
                : GateStepParameters.NAMES;
        for (String name : call.arguments().keySet()) {
            if (!names.contains(name)) {
                problems.add(where + "unknown parameter '" + name + "' (known: " + names + ")");
            }
        }
        Map<String, Object> literal = new LinkedHashMap<>();
        call.arguments().forEach((k, v) -> {
            if (v != DYNAMIC && names.contains(k) && !containsDynamic(v)) {
                literal.put(k, v);
            }
        });
        Map<String, Object> normalized;
        try {
            normalized = StepArguments.normalize(literal);
        } catch (IllegalArgumentException e) {
            problems.add(where + e.getMessage());
            return problems;
        }
        boolean allLiteral = literal.size() == call.arguments().size();
        List<Check> checks;
        if (call.step().equals(TestStepParameters.FUNCTION)) {
            TestStepParameters p = new TestStepParameters(s(normalized, "plan"), s(normalized, "template"),
                    s(normalized, "target"), s(normalized, "properties"), s(normalized, "security"),
                    s(normalized, "credentialsId"), s(normalized, "gates"), s(normalized, "preflight"),
                    s(normalized, "failOn"), (Integer) normalized.get("duration"), s(normalized, "out"),
                    s(normalized, "jdk"), s(normalized, "remote"), (Integer) normalized.get("remoteMin"));
            checks = p.checkAll();
            if (!allLiteral) {
                // a dynamic value may fill what is missing: only check what is there
                checks = new ArrayList<>();
                checks.add(TestStepParameters.checkPlan(p.plan()));
                checks.add(TestStepParameters.checkTemplate(p.template()));
                checks.add(TestStepParameters.checkProperties(p.properties()));
                checks.add(TestStepParameters.checkFailOn(p.failOn()));
                checks.add(TestStepParameters.checkPreflight(p.preflight()));
                checks.add(TestStepParameters.checkSecurity(p.security()));
                checks.add(TestStepParameters.checkRemote(p.remote(), p.remoteMin()));
            }
        } else {
            GateStepParameters p = new GateStepParameters(s(normalized, "require"), s(normalized, "build"),
                    s(normalized, "results"), s(normalized, "gates"), s(normalized, "failOn"), s(normalized, "out"),
                    s(normalized, "jdk"));
            checks = allLiteral ? p.checkAll() : List.of(TestStepParameters.checkFailOn(p.failOn()));
        }
        for (Check c : checks) {
            if (c.isError()) {
                problems.add(where + c.message());
            }
        }
        return problems;
    }

    private static boolean containsDynamic(Object v) {
        if (v == DYNAMIC) {
            return true;
        }
        if (v instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(JenkinsfileExamplesTest::containsDynamic);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(JenkinsfileExamplesTest::containsDynamic);
        }
        return false;
    }

    private static String s(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : String.valueOf(v);
    }

    static List<Call> calls(Path file) throws IOException {
        CompilationUnit unit = new CompilationUnit();
        unit.addSource(file.getFileName().toString(), Files.readString(file));
        unit.compile(Phases.CONVERSION);
        List<Call> calls = new ArrayList<>();
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                String name = call.getMethodAsString();
                if (TestStepParameters.FUNCTION.equals(name) || GateStepParameters.FUNCTION.equals(name)) {
                    calls.add(new Call(file.getFileName().toString(), call.getLineNumber(), name,
                            namedArguments(call.getArguments())));
                }
                super.visitMethodCallExpression(call);
            }
        };
        for (ModuleNode module : unit.getAST().getModules()) {
            module.getStatementBlock().visit(visitor);
            for (MethodNode method : module.getMethods()) {
                if (method.getCode() != null) {
                    method.getCode().visit(visitor);
                }
            }
        }
        return calls;
    }

    private static Map<String, Object> namedArguments(Expression arguments) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (arguments instanceof TupleExpression tuple) {
            for (Expression e : tuple.getExpressions()) {
                if (e instanceof MapExpression map) {
                    for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                        result.put(entry.getKeyExpression().getText(), value(entry.getValueExpression()));
                    }
                } else if (!(tuple instanceof ArgumentListExpression) || !tuple.getExpressions().isEmpty()) {
                    result.put("<positional argument>", DYNAMIC);
                }
            }
        }
        return result;
    }

    private static Object value(Expression e) {
        if (e instanceof ConstantExpression c) {
            return c.getValue();
        }
        if (e instanceof MapExpression map) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                m.put(entry.getKeyExpression().getText(), value(entry.getValueExpression()));
            }
            return m;
        }
        if (e instanceof ListExpression list) {
            List<Object> l = new ArrayList<>();
            for (Expression item : list.getExpressions()) {
                l.add(value(item));
            }
            return l;
        }
        return DYNAMIC;
    }
}
