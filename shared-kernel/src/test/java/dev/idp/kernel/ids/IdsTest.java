package dev.idp.kernel.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    private static final String CANONICAL = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";

    @ParameterizedTest(name = "rejects \"{0}\"")
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "1-1-1-1-1",
                "{6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b}",
                "urn:uuid:6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
                "6f1c2a9e3b4d4e5f8a7b9c0d1e2f3a4b",
                "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4",
                "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4bc",
                "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4g",
                "6f1c2a9e_3b4d_4e5f_8a7b_9c0d1e2f3a4b",
                " 6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
                "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b ",
                "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b\n",
                "   ",
                "not-a-uuid"
            })
    void parseIsStrict(String text) {
        assertThat(Uuids.isCanonical(text)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> Uuids.parseStrict(text));
        assertThatIllegalArgumentException().isThrownBy(() -> ResourceId.parse(text));
        assertThatIllegalArgumentException().isThrownBy(() -> RequestId.parse(text));
    }

    @Test
    void uuidFromStringWouldHaveAcceptedTheShortForm() {
        // The reason for Uuids: the JDK is lenient.
        assertThat(UUID.fromString("1-1-1-1-1")).isEqualTo(new UUID(0x0000000100010001L, 0x0001000000000001L));
    }

    @ParameterizedTest(name = "parses \"{0}\"")
    @ValueSource(strings = {CANONICAL, "6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B", "6F1c2A9e-3b4D-4e5F-8a7B-9c0D1e2F3a4B"})
    void parseAcceptsTheCanonicalFormInAnyCaseAndPrintsItLowerCase(String text) {
        assertThat(Uuids.isCanonical(text)).isTrue();
        assertThat(Uuids.parseStrict(text)).isEqualTo(UUID.fromString(CANONICAL));
        assertThat(ResourceId.parse(text)).hasToString(CANONICAL).isEqualTo(ResourceId.parse(CANONICAL));
        assertThat(RequestId.parse(text)).hasToString(CANONICAL).isEqualTo(RequestId.parse(CANONICAL));
    }

    @Test
    void toStringIsTheCanonicalUuid() {
        UUID uuid = UUID.fromString(CANONICAL);

        assertThat(new ResourceId(uuid)).hasToString(CANONICAL);
        assertThat(new RequestId(uuid)).hasToString(CANONICAL);
    }

    @Test
    void randomIdsAreCanonicalAndDistinct() {
        ResourceId resourceId = ResourceId.random();
        RequestId requestId = RequestId.random();

        assertThat(Uuids.isCanonical(resourceId.toString())).isTrue();
        assertThat(Uuids.isCanonical(requestId.toString())).isTrue();
        assertThat(resourceId.toString()).isEqualTo(resourceId.toString().toLowerCase(java.util.Locale.ROOT));
        assertThat(ResourceId.random()).isNotEqualTo(resourceId);
        assertThat(RequestId.random()).isNotEqualTo(requestId);
    }

    @Test
    void idsRoundTripThroughTheirString() {
        ResourceId resourceId = ResourceId.random();
        RequestId requestId = RequestId.random();

        assertThat(ResourceId.parse(resourceId.toString())).isEqualTo(resourceId);
        assertThat(RequestId.parse(requestId.toString())).isEqualTo(requestId);
    }

    @Test
    void idsRefuseNullValues() {
        assertThatNullPointerException().isThrownBy(() -> new ResourceId(null));
        assertThatNullPointerException().isThrownBy(() -> new RequestId(null));
    }

    @Test
    void aResourceIdIsNotARequestIdWithTheSameUuid() {
        UUID uuid = UUID.fromString(CANONICAL);

        assertThat((Object) new ResourceId(uuid)).isNotEqualTo(new RequestId(uuid));
    }
}
