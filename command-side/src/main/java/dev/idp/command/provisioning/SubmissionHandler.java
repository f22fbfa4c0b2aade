package dev.idp.command.provisioning;

import dev.idp.command.provisioning.RequestLedger.Entry;
import dev.idp.command.provisioning.RequestLedger.RequestType;
import dev.idp.kernel.error.DomainException;
import dev.idp.kernel.error.ErrorCode;
import dev.idp.kernel.ids.ResourceId;
import dev.idp.kernel.storageaccount.StorageAccountRequest;
import dev.idp.kernel.storageaccount.SubmissionAccepted;
import dev.idp.kernel.storageaccount.SubmitStorageAccountCommand;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Handles submissions outside the aggregate because a retry must be answered without creating anything: the request ID
 * is looked up first, then the name reserved, then the account created. All three commit together with the first event,
 * or not at all.
 */
@Component
class SubmissionHandler {

    private final Repository<StorageAccount> accounts;
    private final RequestLedger ledger;
    private final AccountNames names;

    SubmissionHandler(Repository<StorageAccount> accounts, RequestLedger ledger, AccountNames names) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.names = names;
    }

    @CommandHandler
    SubmissionAccepted handle(SubmitStorageAccountCommand command) throws Exception {
        StorageAccountRequest request = command.request();
        String fingerprint = RequestFingerprint.of(request);
        Optional<Entry> earlier =
                ledger.claim(new Entry(command.requestId(), RequestType.SUBMIT, command.resourceId(), fingerprint));
        if (earlier.isPresent()) {
            if (!earlier.get().sameRequestAs(RequestType.SUBMIT, null, fingerprint)) {
                throw StorageAccount.requestIdConflict(command.requestId());
            }
            return new SubmissionAccepted(earlier.get().resourceId(), command.requestId(), request.armId(), true);
        }
        Optional<ResourceId> holder = names.reserve(request.name(), command.resourceId());
        if (holder.isPresent()) {
            throw new DomainException(
                    ErrorCode.NAME_TAKEN,
                    "the storage account name '" + request.name() + "' is held by resource " + holder.get());
        }
        accounts.newInstance(() -> new StorageAccount(command.resourceId(), command.requestId(), request));
        return new SubmissionAccepted(command.resourceId(), command.requestId(), request.armId(), false);
    }
}
