package dev.idp.kernel.error;

/** What went wrong with a command, in the domain's words. The HTTP layer maps each code to a status in one place. */
public enum ErrorCode {
    /** The request breaks a validation rule; the field errors say which. */
    VALIDATION_FAILED,
    /** The account name is held by another live resource (Azure storage account names are global). */
    NAME_TAKEN,
    /** The request ID was used before for a different request. */
    REQUEST_ID_CONFLICT,
    /** No resource with that ID. */
    RESOURCE_NOT_FOUND,
    /** The resource's lifecycle does not allow this request now (e.g. a change after decommission). */
    INVALID_LIFECYCLE_STATE
}
