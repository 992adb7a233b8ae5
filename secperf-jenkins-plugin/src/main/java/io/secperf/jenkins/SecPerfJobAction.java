package io.secperf.jenkins;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.secperf.ci.ResultSummary;
import io.secperf.ci.TrendImages;
import io.secperf.ci.TrendRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The job's secperf trends: PNG charts rendered by secperf-core from at most {@link TrendRequest#MAX_BUILDS} recent
 * builds' small summaries (never result documents, never all builds), with an ETag and Cache-Control, and a small
 * in-memory cache so a job page full of charts reads the summaries once.
 */
public class SecPerfJobAction implements Action {

    private static final int CACHE_ENTRIES = 64;
    private static final Map<String, byte[]> CACHE = Collections.synchronizedMap(
            new LinkedHashMap<>(CACHE_ENTRIES, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                    return size() > CACHE_ENTRIES;
                }
            });

    private final Job<?, ?> job;

    SecPerfJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return "graph.png";
    }

    @Override
    public String getDisplayName() {
        return "secperf trends";
    }

    @Override
    public String getUrlName() {
        return "secperf-trends";
    }

    /** The chart ids, for the page. */
    public List<String> getCharts() {
        return TrendRequest.CHARTS;
    }

    /** {@code secperf-trends/trend?chart=latency&width=500&height=200&builds=50} */
    public void doTrend(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        job.checkPermission(Item.READ);
        TrendRequest request;
        try {
            request = TrendRequest.parse(req.getParameter("chart"), number(req.getParameter("width")),
                    number(req.getParameter("height")), number(req.getParameter("builds")));
        } catch (IllegalArgumentException e) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
            return;
        }
        List<ResultSummary> summaries = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int newest = 0;
        int read = 0;
        for (Run<?, ?> run : job.getBuilds()) {
            if (read >= request.builds()) {
                break;
            }
            read++;
            List<SecPerfBuildAction> actions = run.getActions(SecPerfBuildAction.class);
            if (actions.isEmpty()) {
                continue;
            }
            newest = Math.max(newest, run.getNumber());
            summaries.add(0, actions.get(actions.size() - 1).getSummary());
            labels.add(0, "#" + run.getNumber());
        }
        String etag = job.getFullName() + request.etag(newest, summaries.size());
        rsp.setHeader("Cache-Control", TrendRequest.cacheControl());
        rsp.setHeader("ETag", request.etag(newest, summaries.size()));
        if (request.etag(newest, summaries.size()).equals(req.getHeader("If-None-Match"))) {
            rsp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] png = CACHE.get(etag);
        if (png == null) {
            png = TrendImages.png(summaries, labels, request);
            CACHE.put(etag, png);
        }
        rsp.setContentType("image/png");
        rsp.setContentLength(png.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(png);
        }
    }

    private static Integer number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
