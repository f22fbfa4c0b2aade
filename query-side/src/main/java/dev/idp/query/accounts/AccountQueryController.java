package dev.idp.query.accounts;

import dev.idp.kernel.classification.AccountState;
import dev.idp.kernel.error.DomainException;
import dev.idp.kernel.error.ErrorCode;
import dev.idp.kernel.error.FieldError;
import dev.idp.kernel.ids.Uuids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The projections of the contract: the list (filters, stable cursor paging), one account's detail, the summary, and the
 * operator's rebuild. Bad parameters are 400 with every field error at once; JDBC runs on the bounded-elastic
 * scheduler, never on the event loop.
 */
@RestController
class AccountQueryController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final AccountQueries accounts;
    private final ProjectionAdmin admin;

    AccountQueryController(AccountQueries accounts, ProjectionAdmin admin) {
        this.accounts = accounts;
        this.admin = admin;
    }

    @GetMapping("/api/v1/storage-accounts")
    Mono<ResponseEntity<byte[]>> list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String subscriptionId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        List<FieldError> errors = new ArrayList<>();
        AccountState wanted = null;
        if (present(state)) {
            try {
                wanted = AccountState.valueOf(state);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("state", "must be one of " + List.of(AccountState.values())));
            }
        }
        int size = DEFAULT_LIMIT;
        if (present(limit)) {
            try {
                size = Integer.parseInt(limit);
                if (size < 1 || size > MAX_LIMIT) {
                    errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "must be a number between 1 and " + MAX_LIMIT));
            }
        }
        if (present(subscriptionId) && !Uuids.isCanonical(subscriptionId.toLowerCase(java.util.Locale.ROOT))) {
            errors.add(new FieldError("subscriptionId", "must be a subscription ID (a UUID)"));
        }
        if (present(q) && q.length() > 200) {
            errors.add(new FieldError("q", "must be at most 200 characters"));
        }
        AccountQueries.Cursor after = null;
        if (present(cursor)) {
            try {
                after = AccountQueries.Cursor.decode(cursor);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cursor", "is not a cursor this API gave out"));
            }
        }
        if (!errors.isEmpty()) {
            return Mono.error(DomainException.validation(errors));
        }
        AccountQueries.Filter filter = new AccountQueries.Filter(
                wanted,
                present(team) ? team : null,
                present(subscriptionId) ? subscriptionId : null,
                present(q) ? q : null);
        int pageSize = size;
        AccountQueries.Cursor from = after;
        return blocking(() -> ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(accounts.list(filter, pageSize, from)));
    }

    @GetMapping("/api/v1/storage-accounts/{resourceId}")
    Mono<Map<String, Object>> detail(@PathVariable String resourceId) {
        if (!Uuids.isCanonical(resourceId)) {
            return Mono.error(DomainException.validation(List.of(new FieldError("resourceId", "must be a UUID"))));
        }
        return blocking(() -> accounts.detail(UUID.fromString(resourceId))
                .orElseThrow(
                        () -> new DomainException(ErrorCode.RESOURCE_NOT_FOUND, "no storage account " + resourceId)));
    }

    @GetMapping("/api/v1/summary")
    Mono<Map<String, Object>> summary() {
        return blocking(accounts::summary);
    }

    @PostMapping("/api/v1/admin/projections/rebuild")
    Mono<ResponseEntity<Map<String, Object>>> rebuild() {
        return blocking(admin::rebuild).map(status -> ResponseEntity.accepted().body(status));
    }

    @GetMapping("/api/v1/admin/projections")
    Mono<Map<String, Object>> projections() {
        return blocking(admin::status);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
