package dev.idp.kernel.error;

import java.util.Objects;

/** One problem with one field of a request, named by its JSON path ({@code spec.minimumTlsVersion}). */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
