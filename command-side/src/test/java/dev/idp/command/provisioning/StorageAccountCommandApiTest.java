package dev.idp.command.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idp.command.testing.CommandSideTest;
import dev.idp.support.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The contract's commands over real HTTP, through the real security chain, on a real PostgreSQL. */
@CommandSideTest
class StorageAccountCommandApiTest {

    private static final String ACCOUNTS = "/api/v1/storage-accounts";
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        CommandSideTest.Properties.register(registry);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${idp.desired-state.filesystem-path}")
    Path archive;

    static String uniqueName() {
        return "st" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static Map<String, Object> submission(String requestId, String name) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>();
        spec.put("location", "westeurope");
        spec.put("accountKind", "StorageV2");
        spec.put("accountTier", "Standard");
        spec.put("replicationType", "ZRS");
        spec.put("accessTier", "Hot");
        spec.put("minimumTlsVersion", "TLS1_2");
        spec.put("publicNetworkAccess", "Disabled");
        spec.put("allowBlobPublicAccess", false);
        spec.put("allowSharedKeyAccess", false);
        spec.put("allowCrossTenantReplication", false);
        spec.put("tags", Map.of("cost-center", "cc-1234"));
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        body.put("workflowType", "storage-account");
        body.put("subscriptionId", "00000000-0000-0000-0000-000000000001");
        body.put("resourceGroup", "rg-payments");
        body.put("name", name);
        body.put("owner", Map.of("team", "payments", "requestedBy", "alice@example.com"));
        body.put("spec", spec);
        return body;
    }

    WebTestClient.ResponseSpec post(String token, Object body) {
        return http.post()
                .uri(ACCOUNTS)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    static String portal() {
        return TestTokens.forRoles("alice", "portal");
    }

    JsonNode submitOk(Map<String, Object> body) {
        return post(portal(), body)
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    int eventCount(String resourceId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, resourceId);
    }

    @Test
    void acceptsSubmissionAfterCommittingItsEvent() throws Exception {
        String name = uniqueName();
        EntityExchangeResult<JsonNode> result = post(portal(), submission(null, name))
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .exists("X-Correlation-Id")
                .expectBody(JsonNode.class)
                .returnResult();
        JsonNode body = result.getResponseBody();
        String resourceId = body.get("resourceId").asText();
        assertThat(UUID.fromString(resourceId)).isNotNull();
        assertThat(UUID.fromString(body.get("requestId").asText())).isNotNull();
        assertThat(body.get("armId").asText())
                .isEqualTo("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-payments"
                        + "/providers/Microsoft.Storage/storageAccounts/" + name);
        assertThat(result.getResponseHeaders().getLocation()).hasToString(ACCOUNTS + "/" + resourceId);

        // committed before the 202: read straight from the event store, as JSON
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT payload_type, payload_revision, convert_from(payload, 'UTF8') AS payload,"
                        + " convert_from(meta_data, 'UTF8') AS meta FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ?",
                resourceId);
        assertThat(row.get("payload_type")).isEqualTo("dev.idp.kernel.storageaccount.StorageAccountRequestedEvent");
        assertThat(row.get("payload_revision")).isEqualTo("1");
        JsonNode payload = JSON.readTree((String) row.get("payload"));
        assertThat(payload.get("resourceId").asText()).isEqualTo(resourceId);
        assertThat(payload.get("name").asText()).isEqualTo(name);
        assertThat(payload.get("armId").asText()).isEqualTo(body.get("armId").asText());
        assertThat(payload.at("/spec/minimumTlsVersion").asText()).isEqualTo("TLS1_2");
        assertThat(payload.at("/owner/team").asText()).isEqualTo("payments");
        JsonNode meta = JSON.readTree((String) row.get("meta"));
        assertThat(meta.get("actor").asText()).isEqualTo("alice");
        assertThat(meta.get("actorName").asText()).isEqualTo("alice@example.com");
        assertThat(meta.get("requestId").asText())
                .isEqualTo(body.get("requestId").asText());
        assertThat(meta.get("correlationId").asText())
                .isEqualTo(result.getResponseHeaders().getFirst("X-Correlation-Id"));
    }

    @Test
    void answersARepeatedRequestIdWithTheSameIdsAndAppendsNothing() {
        String requestId = UUID.randomUUID().toString();
        Map<String, Object> body = submission(requestId, uniqueName());
        JsonNode first = submitOk(body);
        JsonNode second = submitOk(body);
        assertThat(second).isEqualTo(first);
        assertThat(first.get("requestId").asText()).isEqualTo(requestId);
        assertThat(eventCount(first.get("resourceId").asText())).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM request_ledger WHERE request_id = ?::uuid", Integer.class, requestId))
                .isEqualTo(1);
    }

    @Test
    void treatsTheSameRequestInAnotherSpellingAsTheSameBody() {
        String requestId = UUID.randomUUID().toString();
        String name = uniqueName();
        JsonNode first = submitOk(submission(requestId, name));
        Map<String, Object> respelt = submission(requestId, name);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) respelt.get("spec");
        spec.put("location", "West Europe");
        assertThat(submitOk(respelt)).isEqualTo(first);
    }

    @Test
    void rejectsARepeatedRequestIdWithADifferentBody() {
        String requestId = UUID.randomUUID().toString();
        submitOk(submission(requestId, uniqueName()));
        post(portal(), submission(requestId, uniqueName()))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(409)
                .jsonPath("$.type")
                .isEqualTo("tag:idp.dev,2026:problems/request-id-conflict");
    }

    @Test
    void rejectsANameHeldByAnotherLiveResource() {
        String name = uniqueName();
        submitOk(submission(null, name));
        post(portal(), submission(null, name))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("tag:idp.dev,2026:problems/name-taken");
    }

    @Test
    void letsExactlyOneOfRacingSubmissionsOfOneNameWin() throws Exception {
        String name = uniqueName();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Callable<Integer> racer = () -> {
                start.await();
                return post(portal(), submission(null, name))
                        .returnResult(String.class)
                        .getStatus()
                        .value();
            };
            statuses.add(pool.submit(racer));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            codes.add(status.get());
        }
        pool.shutdown();
        assertThat(codes).containsOnly(202, 409);
        assertThat(codes).filteredOn(c -> c == 202).hasSize(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8')::jsonb ->> 'name' = ?",
                        Integer.class,
                        name))
                .isEqualTo(1);
    }

    @Test
    void reportsEveryFieldErrorInOne400() {
        Map<String, Object> body = submission("not-a-uuid", "Bad_Name!");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) body.get("spec");
        spec.put("location", "atlantis");
        spec.put("accountKind", "BlockBlobStorage");
        spec.put("accountTier", "Premium");
        spec.put("accessTier", "Hot");
        spec.put("replicationType", "GZRS");
        spec.put("minimumTlsVersion", "TLS9");
        spec.put("allowSharedKeyAccess", "yes");
        spec.put("colour", "blue");
        JsonNode problem = post(portal(), body)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields)
                .contains(
                        "requestId",
                        "name",
                        "spec.location",
                        "spec.accessTier",
                        "spec.replicationType",
                        "spec.minimumTlsVersion",
                        "spec.allowSharedKeyAccess",
                        "spec.colour");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
        assertThat(problem.has("detail")).isTrue();
    }

    @Test
    void rejectsBrokenJsonWithAProblem() {
        http.post()
                .uri(ACCOUNTS)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + portal())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("tag:idp.dev,2026:problems/malformed-request");
    }

    @Test
    void rejectsBodiesOver64KiB() {
        Map<String, Object> body = submission(null, uniqueName());
        body.put("padding", "x".repeat(70 * 1024));
        post(portal(), body)
                .expectStatus()
                .isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void requiresAToken() {
        http.post()
                .uri(ACCOUNTS)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(submission(null, uniqueName()))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        post(TestTokens.foreign("portal"), submission(null, uniqueName()))
                .expectStatus()
                .isUnauthorized();
        post(
                        TestTokens.sign(
                                TestTokens.ISSUER,
                                "api://someone-else",
                                "alice",
                                List.of("portal"),
                                java.time.Instant.now().plusSeconds(60)),
                        submission(null, uniqueName()))
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void checksRolesPerTheContractTable() {
        post(TestTokens.forRoles("victor", "viewer"), submission(null, uniqueName()))
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        post(TestTokens.forRoles("audrey", "auditor"), submission(null, uniqueName()))
                .expectStatus()
                .isForbidden();
        post(TestTokens.forRoles("olga", "operator"), submission(null, uniqueName()))
                .expectStatus()
                .isAccepted();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void changesTheSpecOnceForARepeatedRequest() {
        JsonNode submitted = submitOk(submission(null, uniqueName()));
        String resourceId = submitted.get("resourceId").asText();
        Map<String, Object> change = new java.util.LinkedHashMap<>();
        String requestId = UUID.randomUUID().toString();
        change.put("requestId", requestId);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) submission(null, "x").get("spec");
        spec.put("minimumTlsVersion", "TLS1_3");
        change.put("spec", spec);
        for (int i = 0; i < 2; i++) {
            put(resourceId, change)
                    .expectStatus()
                    .isAccepted()
                    .expectBody()
                    .jsonPath("$.resourceId")
                    .isEqualTo(resourceId)
                    .jsonPath("$.requestId")
                    .isEqualTo(requestId);
        }
        assertThat(eventCount(resourceId)).isEqualTo(2);

        spec.put("minimumTlsVersion", "TLS1_0");
        put(resourceId, change).expectStatus().isEqualTo(HttpStatus.CONFLICT);

        change.remove("requestId");
        spec.put("location", "northeurope");
        put(resourceId, change)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("spec.location");

        put(UUID.randomUUID().toString(), Map.of("spec", spec)).expectStatus().isNotFound();
        put("not-a-uuid", Map.of("spec", spec)).expectStatus().isBadRequest();
    }

    @Test
    void decommissionsOnceAndRefusesLaterChanges() {
        JsonNode submitted = submitOk(submission(null, uniqueName()));
        String resourceId = submitted.get("resourceId").asText();
        String first = delete(resourceId)
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("requestId")
                .asText();
        delete(resourceId)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.requestId")
                .isEqualTo(first);
        assertThat(eventCount(resourceId)).isEqualTo(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) submission(null, "x").get("spec");
        put(resourceId, Map.of("spec", spec))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("tag:idp.dev,2026:problems/invalid-lifecycle-state");
        delete(UUID.randomUUID().toString()).expectStatus().isNotFound();
    }

    @Test
    void keepsTheDesiredStateDocumentOutsideKubernetes() throws Exception {
        JsonNode submitted = submitOk(submission(null, uniqueName()));
        String resourceId = submitted.get("resourceId").asText();
        Path document = archive.resolve(resourceId + ".json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(document));
        JsonNode doc = JSON.readTree(Files.readString(document));
        assertThat(doc.get("resourceId").asText()).isEqualTo(resourceId);
        assertThat(doc.at("/placement/armId").asText())
                .isEqualTo(submitted.get("armId").asText());
        assertThat(doc.at("/desiredSpec/replicationType").asText()).isEqualTo("ZRS");
        assertThat(doc.at("/ownership/tags/idp-resource-id").asText()).isEqualTo(resourceId);
        assertThat(doc.at("/requests/0/actor").asText()).isEqualTo("alice");
        assertThat(doc.at("/lifecycle").asText()).isEqualTo("ACTIVE");

        delete(resourceId).expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> JSON.readTree(Files.readString(document))
                                .at("/lifecycle")
                                .asText(),
                        "DECOMMISSION_REQUESTED"::equals);
    }

    @Test
    void storesEveryAxonPayloadAsByteaAndNoLargeObjects() {
        List<Map<String, Object>> columns =
                jdbc.queryForList("SELECT table_name, column_name, data_type FROM information_schema.columns"
                        + " WHERE table_schema = 'public' AND column_name IN"
                        + " ('payload', 'meta_data', 'token', 'serialized_saga', 'task_data')");
        assertThat(columns).hasSize(7);
        assertThat(columns).allSatisfy(c -> assertThat(c.get("data_type")).isEqualTo("bytea"));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public'"
                                + " AND udt_name IN ('oid', 'lo')",
                        Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_largeobject_metadata", Integer.class))
                .isZero();
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    org.axonframework.commandhandling.CommandBus commandBus;

    @Test
    void handlesCommandsOffTheEventLoop() {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.axonframework.common.Registration registration =
                commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
                    threads.add(Thread.currentThread().getName());
                    return chain.proceed();
                });
        try {
            submitOk(submission(null, uniqueName()));
        } finally {
            registration.cancel();
        }
        assertThat(threads).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("command-"));
    }

    @Test
    void keepsEveryAxonStoreInPostgresWithoutAxonServer() {
        assertThat(context.getBean(org.axonframework.eventsourcing.eventstore.EventStorageEngine.class))
                .isInstanceOf(org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.class);
        assertThat(context.getBean(org.axonframework.eventhandling.tokenstore.TokenStore.class))
                .isInstanceOf(org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore.class);
        assertThat(context.getBean(org.axonframework.modelling.saga.repository.SagaStore.class))
                .isInstanceOf(org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore.class);
        assertThat(context.getBean(org.axonframework.deadline.DeadlineManager.class))
                .isInstanceOf(org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Class.forName("org.axonframework.axonserver.connector.AxonServerConfiguration"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void keepsTheEventStoreAppendOnly() {
        submitOk(submission(null, uniqueName()));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.update("UPDATE domain_event_entry SET payload_revision = '2'"))
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("DELETE FROM domain_event_entry"))
                .hasMessageContaining("append-only");
    }

    WebTestClient.ResponseSpec put(String resourceId, Object body) {
        return http.put()
                .uri(ACCOUNTS + "/" + resourceId + "/spec")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + portal())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    WebTestClient.ResponseSpec delete(String resourceId) {
        return http.delete()
                .uri(ACCOUNTS + "/" + resourceId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + portal())
                .exchange();
    }
}
