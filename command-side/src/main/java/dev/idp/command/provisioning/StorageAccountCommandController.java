package dev.idp.command.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idp.kernel.error.DomainException;
import dev.idp.kernel.error.FieldError;
import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.ids.Uuids;
import dev.idp.kernel.storageaccount.ChangeStorageAccountSpecCommand;
import dev.idp.kernel.storageaccount.DecommissionStorageAccountCommand;
import dev.idp.kernel.storageaccount.RequestAccepted;
import dev.idp.kernel.storageaccount.SpecDraft;
import dev.idp.kernel.storageaccount.SpecValidator;
import dev.idp.kernel.storageaccount.StorageAccountRequest;
import dev.idp.kernel.storageaccount.StorageAccountSpec;
import dev.idp.kernel.storageaccount.SubmissionAccepted;
import dev.idp.kernel.storageaccount.SubmissionDraft;
import dev.idp.kernel.storageaccount.SubmitStorageAccountCommand;
import dev.idp.support.axon.AxonSchemaConfiguration;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The contract's storage-account commands. Requests are validated here (cheap, on the event loop), then handed to the
 * command bus, which runs handlers on its own bounded pool: no blocking call happens on a Netty thread. The 202 is sent
 * only after the events are committed.
 */
@RestController
@RequestMapping(path = "/api/v1/storage-accounts", produces = MediaType.APPLICATION_JSON_VALUE)
class StorageAccountCommandController {

    static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final CommandGateway commands;

    StorageAccountCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    /** The body of a 202 to a submission. */
    record SubmissionResponse(String resourceId, String requestId, String armId) {}

    /** The body of a 202 to a change or a decommission. */
    record RequestResponse(String resourceId, String requestId) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<SubmissionResponse>> submit(@RequestBody JsonNode body, @AuthenticationPrincipal Jwt caller) {
        RequestBodies bodies = new RequestBodies();
        RequestId givenRequestId = bodies.requestId(body);
        SubmissionDraft draft = bodies.submission(body);
        SpecValidator.Result<StorageAccountRequest> result =
                draft == null ? new SpecValidator.Result<>(null, List.of()) : SpecValidator.validateSubmission(draft);
        throwIfInvalid(bodies.errors(), result.errors());
        RequestId requestId = givenRequestId == null ? RequestId.random() : givenRequestId;
        SubmitStorageAccountCommand command =
                new SubmitStorageAccountCommand(ResourceId.random(), requestId, result.value());
        UUID correlationId = UUID.randomUUID();
        return this.<SubmissionAccepted>send(command, requestId, caller, correlationId)
                .map(accepted -> ResponseEntity.accepted()
                        .location(URI.create("/api/v1/storage-accounts/" + accepted.resourceId()))
                        .header(CORRELATION_HEADER, correlationId.toString())
                        .body(new SubmissionResponse(
                                accepted.resourceId().toString(),
                                accepted.requestId().toString(),
                                accepted.armId().toString())));
    }

    @PutMapping(path = "/{resourceId}/spec", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RequestResponse>> changeSpec(
            @PathVariable String resourceId, @RequestBody JsonNode body, @AuthenticationPrincipal Jwt caller) {
        ResourceId id = resourceId(resourceId);
        RequestBodies bodies = new RequestBodies();
        RequestId givenRequestId = bodies.requestId(body);
        SpecDraft draft = bodies.specChange(body);
        List<FieldError> specErrors = new ArrayList<>();
        StorageAccountSpec spec = null;
        if (draft == null) {
            specErrors.add(new FieldError("spec", "is required"));
        } else {
            SpecValidator.Result<StorageAccountSpec> result = SpecValidator.validateSpec(draft, "spec");
            specErrors.addAll(result.errors());
            spec = result.value();
        }
        throwIfInvalid(bodies.errors(), specErrors);
        RequestId requestId = givenRequestId == null ? RequestId.random() : givenRequestId;
        return accepted(new ChangeStorageAccountSpecCommand(id, requestId, spec), requestId, caller);
    }

    @DeleteMapping("/{resourceId}")
    Mono<ResponseEntity<RequestResponse>> decommission(
            @PathVariable String resourceId, @AuthenticationPrincipal Jwt caller) {
        ResourceId id = resourceId(resourceId);
        RequestId requestId = RequestId.random();
        return accepted(new DecommissionStorageAccountCommand(id, requestId), requestId, caller);
    }

    private Mono<ResponseEntity<RequestResponse>> accepted(Object command, RequestId requestId, Jwt caller) {
        UUID correlationId = UUID.randomUUID();
        return this.<RequestAccepted>send(command, requestId, caller, correlationId)
                .map(accepted -> ResponseEntity.accepted()
                        .header(CORRELATION_HEADER, correlationId.toString())
                        .body(new RequestResponse(
                                accepted.resourceId().toString(),
                                accepted.requestId().toString())));
    }

    /**
     * Dispatches with the caller on the metadata (Axon copies it onto every event the command causes) and the
     * correlation ID as the command's identity (events carry it as {@code correlationId}).
     */
    private <R> Mono<R> send(Object command, RequestId requestId, Jwt caller, UUID correlationId) {
        MetaData metaData = MetaData.with(AxonSchemaConfiguration.ACTOR, actor(caller))
                .and(AxonSchemaConfiguration.ACTOR_NAME, displayName(caller))
                .and(AxonSchemaConfiguration.REQUEST_ID, requestId.toString());
        GenericCommandMessage<Object> message = new GenericCommandMessage<>(
                new GenericMessage<>(correlationId.toString(), command, metaData),
                command.getClass().getName());
        return Mono.defer(() -> Mono.fromFuture(commands.<R>send(message)));
    }

    /** The caller's stable identity: {@code sub} (for Entra ID, unique per user or application). */
    private static String actor(Jwt caller) {
        return caller.getSubject() != null ? caller.getSubject() : caller.getClaimAsString("oid");
    }

    private static String displayName(Jwt caller) {
        for (String claim : List.of("preferred_username", "upn", "email", "name")) {
            String value = caller.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return actor(caller);
    }

    private static ResourceId resourceId(String text) {
        if (!Uuids.isCanonical(text)) {
            throw DomainException.validation(List.of(new FieldError("resourceId", "must be a UUID")));
        }
        return ResourceId.parse(text);
    }

    /** Throws one 400 with the body's shape errors and the rules' errors, each field reported once. */
    private static void throwIfInvalid(List<FieldError> shapeErrors, List<FieldError> ruleErrors) {
        if (shapeErrors.isEmpty() && ruleErrors.isEmpty()) {
            return;
        }
        Set<String> reported = shapeErrors.stream().map(FieldError::field).collect(Collectors.toSet());
        List<FieldError> all = new ArrayList<>(shapeErrors);
        ruleErrors.stream().filter(e -> !reported.contains(e.field())).forEach(all::add);
        throw DomainException.validation(all);
    }
}
