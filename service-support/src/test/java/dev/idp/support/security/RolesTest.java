package dev.idp.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RolesTest {

    @Test
    void anOperatorMayDoEverything() {
        assertThat(Roles.effective(List.of("operator")))
                .containsExactlyInAnyOrder("operator", "portal", "auditor", "viewer");
    }

    @Test
    void anAuditorMayDoWhatAViewerMay() {
        assertThat(Roles.effective(List.of("auditor"))).containsExactlyInAnyOrder("auditor", "viewer");
    }

    @Test
    void thePortalAndTheViewerGetOnlyTheirOwnRole() {
        assertThat(Roles.effective(List.of("portal"))).containsExactly("portal");
        assertThat(Roles.effective(List.of("viewer"))).containsExactly("viewer");
    }

    @Test
    void unknownRolesGrantNothingMore() {
        assertThat(Roles.effective(List.of("admin"))).containsExactly("admin");
    }
}
