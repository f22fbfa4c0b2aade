package dev.idp.kernel.error;

import java.util.List;
import java.util.Objects;

/**
 * A command the domain refuses, with a typed {@link ErrorCode} and, for validation, every field error at once. Thrown by
 * command handlers; never a sign of a bug.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> fieldErrors;

    public DomainException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public DomainException(ErrorCode code, String message, List<FieldError> fieldErrors) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static DomainException validation(List<FieldError> errors) {
        return new DomainException(
                ErrorCode.VALIDATION_FAILED,
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid",
                errors);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
