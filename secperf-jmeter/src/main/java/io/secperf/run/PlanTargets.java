package io.secperf.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.jmeter.config.ConfigTestElement;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerBase;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.property.JMeterProperty;
import org.apache.jmeter.testelement.property.MultiProperty;
import org.apache.jmeter.testelement.property.TestElementProperty;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.HashTreeTraverser;

/**
 * Where a plan's HTTP requests go, so the command line can warn before the load when {@code --target} cannot take
 * effect: the target reaches a plan only through the properties {@code protocol}, {@code host} and {@code port}
 * ({@code ${__P(host)}}), and a plan with literal hosts that reads none of them sends its load elsewhere — typically
 * to a host that is unreachable from CI, which then shows as 100 % errors.
 *
 * @param literalHosts      the distinct literal server names of the enabled HTTP samplers and HTTP Request Defaults
 *                          (no {@code ${...}} in them), in plan order, at most {@value #MAX_HOSTS}
 * @param readsTarget       whether any enabled element reads the {@code host}, {@code protocol} or {@code port}
 *                          property ({@code __P} or {@code __property})
 * @param unnamedHttp       whether some enabled HTTP sampler has no server name of its own
 */
public record PlanTargets(List<String> literalHosts, boolean readsTarget, boolean unnamedHttp) {

    static final int MAX_HOSTS = 10;
    private static final Pattern READS_TARGET = Pattern.compile(
            "__(?:P|property)\\(\\s*(?:host|protocol|port)\\s*[,)]");

    public PlanTargets {
        literalHosts = List.copyOf(literalHosts);
    }

    /** Inspects a loaded plan (nothing is run or evaluated). */
    public static PlanTargets of(HashTree plan) {
        Collector collector = new Collector();
        plan.traverse(collector);
        return new PlanTargets(new ArrayList<>(collector.hosts), collector.readsTarget, collector.unnamed);
    }

    /** True when a {@code --target} would change nothing: literal hosts, and nothing reads the target properties. */
    public boolean ignoresTarget() {
        return !literalHosts.isEmpty() && !readsTarget;
    }

    /**
     * The warning for {@code --target} when {@link #ignoresTarget()}, e.g. "--target https://x cannot take effect:
     * the plan's HTTP samplers send to jakarta.apache.org and nothing in the plan reads ${__P(host)} ...".
     */
    public String warning(String target) {
        return "--target " + target + " cannot take effect: the plan's HTTP samplers send to "
                + String.join(", ", literalHosts) + " and nothing in the plan reads ${__P(host)}, ${__P(port)} or "
                + "${__P(protocol)}. To load the target, set Server Name to ${__P(host)}, Port Number to ${__P(port)} "
                + "and Protocol to ${__P(protocol)} in an HTTP Request Defaults element (and clear them in the "
                + "samplers), or run without --target";
    }

    private static final class Collector implements HashTreeTraverser {
        final Set<String> hosts = new LinkedHashSet<>();
        final Deque<Boolean> enabled = new ArrayDeque<>();
        boolean readsTarget;
        boolean unnamed;

        @Override
        public void addNode(Object node, HashTree subTree) {
            boolean on = (enabled.isEmpty() || enabled.peek())
                    && !(node instanceof TestElement element && !element.isEnabled());
            enabled.push(on);
            if (!on || !(node instanceof TestElement element)) {
                return;
            }
            if (!readsTarget && readsTarget(element)) {
                readsTarget = true;
            }
            if (element instanceof HTTPSamplerBase || element instanceof ConfigTestElement) {
                String domain = element.getPropertyAsString(HTTPSamplerBase.DOMAIN).strip();
                if (domain.isEmpty()) {
                    unnamed |= element instanceof HTTPSamplerBase;
                } else if (!domain.contains("${") && hosts.size() < MAX_HOSTS) {
                    hosts.add(domain.toLowerCase(Locale.ROOT));
                }
            }
        }

        @Override
        public void subtractNode() {
            enabled.pop();
        }

        @Override
        public void processPath() {
            // everything happens in addNode
        }

        private static boolean readsTarget(TestElement element) {
            var properties = element.propertyIterator();
            while (properties.hasNext()) {
                if (reads(properties.next(), 0)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean reads(JMeterProperty property, int depth) {
            if (depth > 8) {
                return false;
            }
            if (property instanceof TestElementProperty nested) {
                return readsTarget(nested.getElement());
            }
            if (property instanceof MultiProperty multi) {
                var items = multi.iterator();
                while (items.hasNext()) {
                    if (reads(items.next(), depth + 1)) {
                        return true;
                    }
                }
                return false;
            }
            String value = property.getStringValue();
            return value != null && value.contains("__") && READS_TARGET.matcher(value).find();
        }
    }
}
