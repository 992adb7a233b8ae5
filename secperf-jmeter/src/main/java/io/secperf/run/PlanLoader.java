package io.secperf.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jmeter.JMeter;
import org.apache.jmeter.control.ReplaceableController;
import org.apache.jmeter.exceptions.IllegalUserActionException;
import org.apache.jmeter.gui.tree.JMeterTreeModel;
import org.apache.jmeter.gui.tree.JMeterTreeNode;
import org.apache.jmeter.samplers.Sampler;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.services.FileServer;
import org.apache.jmeter.testelement.TestPlan;
import org.apache.jmeter.threads.AbstractThreadGroup;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.SearchByClass;

import com.thoughtworks.xstream.converters.ConversionException;
import com.thoughtworks.xstream.io.StreamException;
import com.thoughtworks.xstream.mapper.CannotResolveClassException;

/**
 * Loads a {@code .jmx} test plan with JMeter's own {@link SaveService} and prepares it the way stock JMeter's non-GUI
 * mode does (disabled elements removed, Module/Include controllers resolved, tree cloned), turning the many ways a
 * plan can be unusable into a {@link PlanException} with one clear line.
 *
 * <p><b>Plans are trusted input.</b> JMeter deserialises JMX with XStream configured to allow any type, and plans can
 * hold scripts (JSR223, BeanShell) and reference arbitrary classes: loading and running a plan executes code with the
 * rights of this process. Only run plans you would run in stock JMeter.
 */
public final class PlanLoader {

    private static final Pattern LINE_COLUMN = Pattern.compile("@(\\d+):(\\d+)");

    private PlanLoader() {
    }

    /**
     * Loads and checks a plan.
     *
     * @param plan path of the {@code .jmx} file
     * @return the runnable tree (its root key is the {@link TestPlan}); a fresh copy on every call
     * @throws PlanException if the file is missing, unreadable, not well-formed, not a plan, references classes that are
     *                       not on the classpath, or has no enabled thread group or sampler
     */
    public static HashTree load(Path plan) throws PlanException {
        JMeterHome.initialise();
        if (!Files.exists(plan)) {
            throw new PlanException(PlanException.Kind.MISSING_FILE, plan, "plan file not found: " + plan);
        }
        if (!Files.isRegularFile(plan) || !Files.isReadable(plan)) {
            throw new PlanException(PlanException.Kind.UNREADABLE, plan,
                    "plan " + plan + " is " + (Files.isDirectory(plan) ? "a directory" : "not readable"));
        }
        setScriptBase(plan);
        HashTree tree;
        try {
            tree = SaveService.loadTree(plan.toFile());
        } catch (Exception | NoClassDefFoundError e) {
            throw classify(plan, e);
        }
        if (tree == null || tree.isEmpty() || !(tree.getArray()[0] instanceof TestPlan)) {
            throw new PlanException(PlanException.Kind.NOT_A_PLAN, plan,
                    "plan " + plan + " is not a JMeter test plan (no <TestPlan> element)");
        }
        HashTree runnable = prepare(plan, tree);
        check(plan, runnable);
        return runnable;
    }

    /** Relative paths in the plan (CSV data sets, includes) resolve against the plan's directory, as in JMeter. */
    private static void setScriptBase(Path plan) {
        try {
            FileServer.getFileServer().setBaseForScript(plan.toAbsolutePath().toFile());
        } catch (IllegalStateException filesStillOpen) {
            // A previous run left data files open; they keep the old base, as stock JMeter would.
        }
    }

    @SuppressWarnings("deprecation") // JMeterTreeModel(Object) is the headless constructor JMeter's non-GUI mode uses
    private static HashTree prepare(Path plan, HashTree tree) throws PlanException {
        try {
            SearchByClass<ReplaceableController> replaceable = new SearchByClass<>(ReplaceableController.class);
            tree.traverse(replaceable);
            Collection<ReplaceableController> controllers = replaceable.getSearchResults();
            if (!controllers.isEmpty()) {
                JMeterTreeModel model = new JMeterTreeModel(new Object());
                JMeterTreeNode root = (JMeterTreeNode) model.getRoot();
                model.addSubTree(tree, root);
                for (ReplaceableController controller : controllers) {
                    controller.resolveReplacementSubTree(root);
                }
            }
            return JMeter.convertSubTree(tree, true);
        } catch (IllegalUserActionException | RuntimeException e) {
            throw new PlanException(PlanException.Kind.INVALID_ELEMENT, plan,
                    "plan " + plan + " cannot be prepared for running: " + rootMessage(e), e);
        }
    }

    private static void check(Path plan, HashTree tree) throws PlanException {
        SearchByClass<AbstractThreadGroup> groups = new SearchByClass<>(AbstractThreadGroup.class);
        tree.traverse(groups);
        if (groups.getSearchResults().isEmpty()) {
            throw new PlanException(PlanException.Kind.NO_THREAD_GROUP, plan,
                    "plan " + plan + " has no enabled thread group, so it would send no requests");
        }
        for (AbstractThreadGroup group : groups.getSearchResults()) {
            SearchByClass<Sampler> samplers = new SearchByClass<>(Sampler.class);
            groups.getSubTree(group).traverse(samplers);
            if (!samplers.getSearchResults().isEmpty()) {
                return;
            }
        }
        throw new PlanException(PlanException.Kind.NO_SAMPLER, plan,
                "plan " + plan + " has no enabled sampler in any thread group, so it would measure nothing");
    }

    static PlanException classify(Path plan, Throwable failure) {
        CannotResolveClassException unresolved = find(failure, CannotResolveClassException.class);
        if (unresolved != null) {
            String element = unresolved.getMessage() == null ? "?" : unresolved.getMessage().trim();
            return new PlanException(PlanException.Kind.UNKNOWN_ELEMENT, plan,
                    "plan " + plan + " uses unknown element class " + element + at(failure) + ": "
                            + ElementModules.describeProvider(element), failure);
        }
        NoClassDefFoundError missing = find(failure, NoClassDefFoundError.class);
        if (missing != null) {
            String cls = String.valueOf(missing.getMessage()).replace('/', '.');
            return new PlanException(PlanException.Kind.UNKNOWN_ELEMENT, plan,
                    "plan " + plan + " needs class " + cls + at(failure) + ", which is not on the classpath: "
                            + ElementModules.describeProvider(cls), failure);
        }
        if (find(failure, StreamException.class) != null) {
            return new PlanException(PlanException.Kind.MALFORMED_XML, plan,
                    "plan " + plan + " is not well-formed XML" + at(failure) + ": " + parserMessage(failure), failure);
        }
        ClassCastException wrongRoot = find(failure, ClassCastException.class);
        if (wrongRoot != null) {
            boolean jtl = String.valueOf(wrongRoot.getMessage()).contains("TestResultWrapper");
            return new PlanException(PlanException.Kind.NOT_A_PLAN, plan, "plan " + plan
                    + " is not a JMeter test plan" + (jtl ? " (it is a JTL results file)" : ""), failure);
        }
        ConversionException conversion = find(failure, ConversionException.class);
        if (conversion != null || failure instanceof IllegalArgumentException) {
            return new PlanException(PlanException.Kind.INVALID_ELEMENT, plan,
                    "plan " + plan + " has an element JMeter cannot build" + at(failure) + ": "
                            + rootMessage(failure), failure);
        }
        if (failure instanceof IOException) {
            return new PlanException(PlanException.Kind.UNREADABLE, plan,
                    "plan " + plan + " cannot be read: " + rootMessage(failure), failure);
        }
        return new PlanException(PlanException.Kind.INVALID_ELEMENT, plan,
                "plan " + plan + " cannot be loaded: " + rootMessage(failure), failure);
    }

    /** " at line L, column C" from the XML parser or XStream, or "" when neither reports a position. */
    private static String at(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher m = LINE_COLUMN.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return " at line " + m.group(1) + ", column " + m.group(2);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConversionException ce && ce.get("line number") != null) {
                return " at line " + ce.get("line number").trim();
            }
        }
        return "";
    }

    /** The XML parser's own words, without its position suffix and its list of every unclosed tag. */
    private static String parserMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).strip();
        message = LINE_COLUMN.matcher(message).replaceAll("");
        for (String cut : new String[] {" (position:", ", parser stopped", " and start tag"}) {
            int i = message.indexOf(cut);
            if (i > 0) {
                message = message.substring(0, i);
            }
        }
        message = message.replaceAll("\\s+", " ").strip();
        if (message.toLowerCase(Locale.ROOT).startsWith("no more data available")) {
            message = "the file ends early: " + message;
        }
        return shorten(message);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            message = root.getClass().getSimpleName();
        }
        if (root instanceof ConversionException ce && ce.get("cause-message") != null) {
            message = ce.get("cause-message");
        }
        return shorten(message.replaceAll("\\s+", " ").strip());
    }

    private static String shorten(String message) {
        return message.length() <= 200 ? message : message.substring(0, 197) + "...";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
