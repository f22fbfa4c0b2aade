-- The list's items rendered by PostgreSQL: a page of 50-100 items was a third of a list request's CPU in the JVM
-- (each column decoded, a map per item, Jackson writing it back out). Same fields, order and formats as the detail's
-- summary fields (AccountQueries.summary); AccountSummaryJsonTest holds the two to each other.

-- An instant as Jackson writes java.time.Instant (ISO-8601 in UTC, the fraction in groups of three digits as needed).
CREATE FUNCTION iso_instant(t TIMESTAMPTZ) RETURNS TEXT
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
        || CASE
               WHEN extract(microseconds FROM t)::BIGINT % 1000000 = 0 THEN ''
               WHEN extract(microseconds FROM t)::BIGINT % 1000 = 0 THEN to_char(t AT TIME ZONE 'UTC', '.MS')
               ELSE to_char(t AT TIME ZONE 'UTC', '.US')
           END
        || 'Z'
$$;

-- One list item: the contract's summary fields; cloudOnlyReason only when there is one. to_json escapes the values.
CREATE FUNCTION account_summary_json(
    resource_id UUID, name TEXT, arm_id TEXT, subscription_id TEXT, resource_group TEXT, location TEXT, team TEXT,
    state TEXT, cloud_only_reason TEXT, drift_count INTEGER, last_observed_at TIMESTAMPTZ, updated_at TIMESTAMPTZ)
RETURNS TEXT
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT '{"resourceId":' || to_json(resource_id::TEXT)::TEXT
        || ',"name":' || coalesce(to_json(name)::TEXT, 'null')
        || ',"armId":' || coalesce(to_json(arm_id)::TEXT, 'null')
        || ',"subscriptionId":' || coalesce(to_json(subscription_id)::TEXT, 'null')
        || ',"resourceGroup":' || coalesce(to_json(resource_group)::TEXT, 'null')
        || ',"location":' || coalesce(to_json(location)::TEXT, 'null')
        || ',"team":' || coalesce(to_json(team)::TEXT, 'null')
        || ',"state":' || coalesce(to_json(state)::TEXT, 'null')
        || CASE WHEN cloud_only_reason IS NULL THEN '' ELSE ',"cloudOnlyReason":' || to_json(cloud_only_reason)::TEXT END
        || ',"driftCount":' || drift_count
        || ',"lastObservedAt":' || coalesce(to_json(iso_instant(last_observed_at))::TEXT, 'null')
        || ',"updatedAt":' || coalesce(to_json(iso_instant(updated_at))::TEXT, 'null')
        || '}'
$$;
