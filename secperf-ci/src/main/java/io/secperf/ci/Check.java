package io.secperf.ci;

/**
 * The outcome of checking one parameter value: what a form field shows under the field (Jenkins maps the level to
 * FormValidation ok/warning/error) and what the examples test and the steps report before running anything.
 *
 * @param level   OK, WARNING or ERROR
 * @param message one line for people; empty for OK
 */
public record Check(Level level, String message) {

    /** How bad a finding about a value is. */
    public enum Level { OK, WARNING, ERROR }

    private static final Check OK = new Check(Level.OK, "");

    public Check {
        message = message == null ? "" : message;
    }

    public static Check ok() {
        return OK;
    }

    public static Check warning(String message) {
        return new Check(Level.WARNING, message);
    }

    public static Check error(String message) {
        return new Check(Level.ERROR, message);
    }

    public boolean isError() {
        return level == Level.ERROR;
    }
}
