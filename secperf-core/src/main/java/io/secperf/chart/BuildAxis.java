package io.secperf.chart;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.TickUnit;

/**
 * The x-axis of trend charts: build i sits at x = i and is labelled with its build label. Labels are skipped
 * automatically (every 2nd, 5th, 10th...) when they would overlap, so 100 builds stay readable.
 */
final class BuildAxis extends NumberAxis {

    private static final long serialVersionUID = 1L;
    static final int MAX_LABEL_LENGTH = 16;

    private final List<String> labels;

    BuildAxis(String axisLabel, List<String> buildLabels) {
        super(axisLabel);
        this.labels = buildLabels.stream().map(BuildAxis::shorten).toList();
        ChartStyle.axis(this);
        setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        setNumberFormatOverride(new LabelFormat(labels));
        setAutoRangeIncludesZero(false);
        setRange(-0.5, Math.max(labels.size(), 1) - 0.5);
        setMinorTickMarksVisible(false);
    }

    static String shorten(String label) {
        String clean = label == null ? "" : label.strip();
        return clean.length() <= MAX_LABEL_LENGTH ? clean : clean.substring(0, MAX_LABEL_LENGTH - 1) + "…";
    }

    @Override
    protected double estimateMaximumTickLabelWidth(Graphics2D g2, TickUnit unit) {
        FontMetrics metrics = g2.getFontMetrics(getTickLabelFont());
        double widest = 0;
        for (String label : labels) {
            widest = Math.max(widest, metrics.stringWidth(label));
        }
        return widest + getTickLabelInsets().getLeft() + getTickLabelInsets().getRight() + 8;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BuildAxis axis && super.equals(other) && labels.equals(axis.labels);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    /** Shows the build label at integer positions inside the range and nothing elsewhere. */
    private static final class LabelFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;
        private final List<String> labels;

        LabelFormat(List<String> labels) {
            this.labels = labels;
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            long index = Math.round(number);
            if (Math.abs(number - index) < 1e-6 && index >= 0 && index < labels.size()) {
                toAppendTo.append(labels.get((int) index));
            }
            return toAppendTo;
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            int index = labels.indexOf(source);
            if (index < 0) {
                return null;
            }
            parsePosition.setIndex(source.length());
            return index;
        }
    }
}
