package io.streamplatform.k8s.model;

/** A values file, a {@code --set} override or the merged values are invalid. The message is one line for the user. */
public class ValuesException extends RuntimeException {
    public ValuesException(String message) {
        super(message);
    }
}
