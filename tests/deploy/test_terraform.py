"""The Terraform wiring, read with python-hcl2: secrets, ports, networks, the bucket and
the alarms line up with each other and with the app."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from starlette.testclient import TestClient

from bot.server import build_app
from bot.settings import Settings
from bot.wiring import build_services
from storage import metrics as app_metrics
from tests.deploy.terraform_model import TERRAFORM_DIR, Terraform, load_terraform, single

REPO = Path(__file__).resolve().parents[2]
CONTAINERS = ("bot_container", "worker_container", "migrate_container")
TASKS_SG = "${aws_security_group.tasks.id}"
PRIVATE_SUBNETS = "${aws_subnet.private[*].id}"


@pytest.fixture(scope="module")
def tf() -> Terraform:
    return load_terraform()


def statements(tf: Terraform, document: str) -> list[dict[str, Any]]:
    return list(tf.data["aws_iam_policy_document"][document]["statement"])


def test_every_secret_a_container_reads_is_stored_and_granted(tf: Terraform) -> None:
    names = tf.locals["secret_names"]
    secret_fields = {
        name.upper()
        for name, spec in Settings.model_fields.items()
        if spec.annotation is not None and SecretStr in getattr(spec.annotation, "__args__", ())
    }
    # Every secret setting the app has in production is delivered as a secret...
    assert secret_fields - {"SLACK_APP_TOKEN"} <= set(names)
    # ...and each name is one the app reads.
    assert {n.lower() for n in names} <= set(Settings.model_fields)

    for container in CONTAINERS:
        assert tf.locals[container]["secrets"] == "${local.app_secrets}"
    assert "aws_secretsmanager_secret.app[secret_name].arn" in tf.locals["app_secrets"]
    assert "local.secret_names" in tf.locals["app_secrets"]
    assert tf.resource("aws_secretsmanager_secret", "app")["for_each"] == (
        "${toset(local.secret_names)}"
    )

    grant = next(s for s in statements(tf, "execution") if s["sid"] == "ReadTaskSecrets")
    assert grant["actions"] == ["secretsmanager:GetSecretValue"]
    assert "aws_secretsmanager_secret.app" in grant["resources"]
    for task in ("bot", "worker", "migrate"):
        definition = tf.resource("aws_ecs_task_definition", task)
        assert definition["execution_role_arn"] == "${aws_iam_role.execution.arn}"
        assert definition["task_role_arn"] == "${aws_iam_role.task.arn}"

    # No secret travels as a plain environment variable, and every variable is a setting.
    environment = {item["name"] for item in tf.locals["app_environment"]}
    assert not environment & set(names)
    assert {n.lower() for n in environment} <= set(Settings.model_fields)


def test_ports_and_health_checks_line_up_with_the_app(tf: Terraform) -> None:
    port = tf.default("app_port")
    assert port == Settings.model_fields["port"].default == 3000

    bot = tf.locals["bot_container"]
    assert bot["portMappings"] == [{"containerPort": "${var.app_port}", "protocol": "tcp"}]
    assert "/health" in " ".join(bot["healthCheck"]["command"])
    assert "${var.app_port}" in " ".join(bot["healthCheck"]["command"])

    group = tf.resource("aws_lb_target_group", "bot")
    assert group["port"] == "${var.app_port}" and group["target_type"] == "ip"
    health = single(group["health_check"])
    assert health["path"] == "/ready" and health["matcher"] == "200"

    service_lb = single(tf.resource("aws_ecs_service", "bot")["load_balancer"])
    assert service_lb["container_name"] == bot["name"] == "bot"
    assert service_lb["container_port"] == "${var.app_port}"

    ingress = single(tf.resource("aws_security_group", "tasks")["ingress"])
    assert ingress["from_port"] == ingress["to_port"] == "${var.app_port}"
    assert ingress["security_groups"] == ["${aws_security_group.alb.id}"]

    paths = single(single(tf.resource("aws_lb_listener_rule", "bot")["condition"])["path_pattern"])
    assert set(paths["values"]) == {"/slack/*", "/sms/*", "/api/*", "/admin*"}
    assert tf.resource("aws_lb_listener", "https")["protocol"] == "HTTPS"

    # The image serves the same port and checks the same route.
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "EXPOSE 3000" in dockerfile and "/health" in dockerfile
    assert "PORT=3000" in dockerfile and "USER 10001" in dockerfile


def test_the_app_answers_the_checks_the_load_balancer_and_ecs_make(database_url: str) -> None:
    settings = Settings(_env_file=None, database_url=database_url)  # type: ignore[call-arg]
    with TestClient(build_app(build_services(settings, database_url))) as client:
        assert client.get("/health").status_code == 200  # container health check
        ready = client.get("/ready")  # target group health check
        assert ready.status_code == 200 and ready.json()["migrations"] == "current"


def test_tasks_run_in_private_subnets_without_public_addresses(tf: Terraform) -> None:
    for service in ("bot", "worker"):
        network = single(tf.resource("aws_ecs_service", service)["network_configuration"])
        assert network["subnets"] == PRIVATE_SUBNETS
        assert network["assign_public_ip"] is False
        assert network["security_groups"] == [TASKS_SG]
        assert tf.resource("aws_ecs_service", service)["launch_type"] == "FARGATE"

    private_route = single(tf.resource("aws_route_table", "private")["route"])
    assert "nat_gateway_id" in private_route and "gateway_id" not in private_route
    assert tf.resource("aws_subnet", "private")["count"] == 3
    assert len(tf.default("availability_zones")) == 3
    assert "map_public_ip_on_launch" not in tf.resource("aws_subnet", "private")
    assert tf.resource("aws_lb", "main")["subnets"] == "${aws_subnet.public[*].id}"


def test_database_and_cache_accept_only_the_tasks(tf: Terraform) -> None:
    for group, port in (("database", 5432), ("cache", 6379)):
        rules = tf.resource("aws_security_group", group)["ingress"]
        assert len(rules) == 1
        rule = rules[0]
        assert rule["from_port"] == rule["to_port"] == port
        assert rule["security_groups"] == [TASKS_SG]
        assert "cidr_blocks" not in rule

    db = tf.resource("aws_db_instance", "main")
    assert db["vpc_security_group_ids"] == ["${aws_security_group.database.id}"]
    assert db["engine"] == "postgres" and db["engine_version"].startswith("16")
    assert db["multi_az"] is True and db["storage_encrypted"] is True
    assert db["publicly_accessible"] is False and db["backup_retention_period"]
    assert tf.resource("aws_db_subnet_group", "main")["subnet_ids"] == PRIVATE_SUBNETS

    redis = tf.resource("aws_elasticache_replication_group", "main")
    assert redis["security_group_ids"] == ["${aws_security_group.cache.id}"]
    assert redis["engine_version"].startswith("7")
    assert redis["transit_encryption_enabled"] is True
    assert redis["auth_token"] == "${random_password.redis.result}"
    assert tf.resource("aws_elasticache_subnet_group", "main")["subnet_ids"] == PRIVATE_SUBNETS
    redis_url = tf.resource("aws_secretsmanager_secret_version", "redis_url")["secret_string"]
    assert redis_url.startswith("rediss://"), "TLS in transit needs the rediss:// scheme"


def test_bucket_is_private_and_the_app_is_confined_to_its_prefix(tf: Terraform) -> None:
    prefix_arn = "${local.document_prefix_arn}"
    assert tf.locals["document_prefix_arn"] == (
        "${aws_s3_bucket.documents.arn}/${var.document_prefix}/*"
    )
    block = tf.resource("aws_s3_bucket_public_access_block", "documents")
    assert all(
        block[k] is True
        for k in (
            "block_public_acls",
            "block_public_policy",
            "ignore_public_acls",
            "restrict_public_buckets",
        )
    )
    versioning = single(
        tf.resource("aws_s3_bucket_versioning", "documents")["versioning_configuration"]
    )
    assert versioning["status"] == "Enabled"
    sse = single(
        single(
            tf.resource("aws_s3_bucket_server_side_encryption_configuration", "documents")["rule"]
        )["apply_server_side_encryption_by_default"]
    )
    assert sse["sse_algorithm"] == "aws:kms"

    def check_confined(policy: list[dict[str, Any]]) -> None:
        for statement in policy:
            actions = statement["actions"]
            if not any(a.startswith("s3:") for a in actions) or statement.get("effect") == "Deny":
                continue
            if actions == ["s3:ListBucket"]:
                condition = single(statement["condition"])
                assert condition["variable"] == "s3:prefix"
                assert condition["values"] == ["${var.document_prefix}/*"]
            else:
                assert statement["resources"] == [prefix_arn], statement

    task_policy = statements(tf, "task")
    check_confined(task_policy)
    assert any(s["actions"] == ["s3:ListBucket"] for s in task_policy)
    bucket_policy = statements(tf, "documents_bucket")
    check_confined(bucket_policy)
    deny = next(s for s in bucket_policy if s["sid"] == "DenyAppOutsideItsPrefix")
    assert deny["effect"] == "Deny" and deny["not_resources"] == [prefix_arn]
    tls = next(s for s in bucket_policy if s["sid"] == "DenyInsecureTransport")
    assert single(tls["condition"])["values"] == ["false"]

    env = {e["name"]: e["value"] for e in tf.locals["app_environment"]}
    assert env["DOCUMENT_STORE"] == "s3://${aws_s3_bucket.documents.bucket}/${var.document_prefix}"


def test_every_alarm_publishes_to_the_alerts_topic(tf: Terraform) -> None:
    alarms = tf.of_kind("aws_cloudwatch_metric_alarm")
    assert {"http_5xx_rate", "queue_age", "failed_deliveries", "slack_rate_limited"} <= set(alarms)
    for name, alarm in alarms.items():
        assert alarm["alarm_actions"] == ["${aws_sns_topic.alerts.arn}"], name
    subscription = tf.resource("aws_sns_topic_subscription", "alerts_email")
    assert subscription["protocol"] == "email"
    assert subscription["endpoint"] == "${var.alarm_email}"
    assert subscription["topic_arn"] == "${aws_sns_topic.alerts.arn}"


def test_custom_metrics_named_in_terraform_are_the_ones_the_app_exports(tf: Terraform) -> None:
    exported = set()
    for value in vars(app_metrics).values():
        if hasattr(value, "_name"):
            exported.add(value._name)
            exported.add(f"{value._name}_total")
    from knowledge import cache, llm  # noqa: F401 - their counters register on import

    exported |= {"bmo_llm_tokens_total", "bmo_cache_lookups_total"}
    text = "\n".join(p.read_text() for p in TERRAFORM_DIR.glob("*.tf*"))
    named = set(re.findall(r"\bbmo_[a-z_]+", text))
    assert named, "no custom metrics referenced"
    assert named <= exported, named - exported


def test_services_scale_from_one_to_ten_and_keep_logs_thirty_days(tf: Terraform) -> None:
    assert tf.default("min_tasks") == 1 and tf.default("max_tasks") == 10
    bot_policy = single(
        tf.resource("aws_appautoscaling_policy", "bot_cpu")[
            "target_tracking_scaling_policy_configuration"
        ]
    )
    assert (
        single(bot_policy["predefined_metric_specification"])["predefined_metric_type"]
        == "ECSServiceAverageCPUUtilization"
    )
    worker_policy = single(
        tf.resource("aws_appautoscaling_policy", "worker_queue")[
            "target_tracking_scaling_policy_configuration"
        ]
    )
    queries = single(worker_policy["customized_metric_specification"])["metrics"]
    metric_names = [
        single(single(q["metric_stat"])["metric"])["metric_name"]
        for q in queries
        if "metric_stat" in q
    ]
    assert "bmo_queue_depth" in metric_names

    assert tf.default("log_retention_days") == 30
    for group in tf.of_kind("aws_cloudwatch_log_group").values():
        assert group["retention_in_days"] == "${var.log_retention_days}"
    insights = single(tf.resource("aws_ecs_cluster", "main")["setting"])
    assert insights == {"name": "containerInsights", "value": "enabled"}
    assert tf.default("region") == "us-east-2"
    assert "aws_ecs_task_definition" in tf.resources and "migrate" in tf.of_kind(
        "aws_ecs_task_definition"
    )


def _starts_with_paths(statement: dict[str, Any]) -> list[str]:
    """The URI path prefixes an or_statement of STARTS_WITH byte matches names."""
    found = []
    for item in single(statement["or_statement"])["statement"]:
        match = single(item["byte_match_statement"])
        assert match["positional_constraint"] == "STARTS_WITH"
        assert "uri_path" in single(match["field_to_match"])
        found.append(match["search_string"])
    return found


def test_the_waf_guards_the_load_balancer_without_breaking_webhooks_or_uploads(
    tf: Terraform,
) -> None:
    from admin_api.inputs import JSON
    from admin_api.openapi import operations
    from admin_api.routes import RESOURCES

    association = tf.resource("aws_wafv2_web_acl_association", "alb")
    assert association["resource_arn"] == "${aws_lb.main.arn}"
    assert association["web_acl_arn"] == "${aws_wafv2_web_acl.main.arn}"
    acl = tf.resource("aws_wafv2_web_acl", "main")
    assert acl["scope"] == "REGIONAL" and "allow" in single(acl["default_action"])
    rules = {rule["name"]: rule for rule in acl["rule"]}
    assert len({rule["priority"] for rule in acl["rule"]}) == len(rules)

    managed = {
        single(single(rule["statement"])["managed_rule_group_statement"])["name"]: rule
        for rule in rules.values()
        if "managed_rule_group_statement" in single(rule["statement"])
    }
    assert set(managed) == {
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
        "AWSManagedRulesAmazonIpReputationList",
    }

    # Per-client rate limit everywhere but the webhooks, which have a limit of their own.
    webhook_paths = tf.locals["waf_webhook_paths"]
    per_ip = single(single(rules["rate-per-client-ip"]["statement"])["rate_based_statement"])
    assert per_ip["aggregate_key_type"] == "IP" and per_ip["limit"] == "${var.waf_rate_limit}"
    assert "block" in single(rules["rate-per-client-ip"]["action"])
    scope = single(single(per_ip["scope_down_statement"])["not_statement"])["statement"]
    assert "${statement.value}" in str(scope) and "local.waf_webhook_paths" in str(scope)
    hooks = single(single(rules["rate-per-webhook-sender"]["statement"])["rate_based_statement"])
    assert hooks["limit"] == "${var.waf_webhook_rate_limit}"
    assert tf.default("waf_webhook_rate_limit") > tf.default("waf_rate_limit")

    # The common rule set's body rules only count; a rule of ours blocks their labels
    # outside the paths whose bodies are large or carry markup by design.
    common = single(
        single(managed["AWSManagedRulesCommonRuleSet"]["statement"])["managed_rule_group_statement"]
    )
    counted = {
        o["name"] for o in common["rule_action_override"] if "count" in single(o["action_to_use"])
    }
    assert counted == {"SizeRestrictions_BODY", "CrossSiteScripting_BODY"}
    body_rule = rules["body-rules-outside-uploads-and-webhooks"]
    assert body_rule["priority"] > managed["AWSManagedRulesCommonRuleSet"]["priority"]
    assert "block" in single(body_rule["action"])
    labels = tf.locals["waf_body_labels"]
    assert {label.rsplit(":", 1)[1].upper() for label in labels} == {c.upper() for c in counted}
    assert "local.waf_large_body_paths" in str(body_rule["statement"])

    # Every route whose body may pass 8 KB, and every webhook, is one of those paths.
    large = tf.locals["waf_large_body_paths"]
    assert set(webhook_paths) == {"/slack/", "/sms/"} and set(webhook_paths) <= set(large)
    needs_room = [
        f"/api/v1{resource.path}"
        for resource, _method, op in operations(RESOURCES)
        if op.body is not None and (op.body_limit or op.media != JSON)
    ] + ["/api/v1/validate-safety", "/api/v1/reviews/1", "/slack/events", "/sms/inbound"]
    for path in needs_room:
        assert any(path.startswith(prefix) for prefix in large), path

    # Logs: a group WAF may write to, kept as long as the others, keys redacted.
    logging = tf.resource("aws_wafv2_web_acl_logging_configuration", "main")
    assert logging["log_destination_configs"] == ["${aws_cloudwatch_log_group.waf.arn}"]
    assert logging["resource_arn"] == "${aws_wafv2_web_acl.main.arn}"
    redacted = single(single(logging["redacted_fields"])["single_header"])
    assert redacted["name"] == "authorization"
    group = tf.resource("aws_cloudwatch_log_group", "waf")
    assert group["name"].startswith("aws-waf-logs-")
    assert group["retention_in_days"] == "${var.log_retention_days}"

    # Blocked requests are on the dashboard and raise an alarm.
    alarm = tf.resource("aws_cloudwatch_metric_alarm", "waf_blocked")
    assert (alarm["namespace"], alarm["metric_name"]) == ("AWS/WAFV2", "BlockedRequests")
    assert alarm["dimensions"]["WebACL"] == "${aws_wafv2_web_acl.main.name}"
    assert alarm["threshold"] == "${var.waf_blocked_alarm_threshold}"
    dashboard = (TERRAFORM_DIR / "dashboard.tf").read_text()
    assert '"AWS/WAFV2", "BlockedRequests", "WebACL", aws_wafv2_web_acl.main.name' in dashboard
    assert "#checkov:skip=CKV2_AWS_28" not in (TERRAFORM_DIR / "alb.tf").read_text()
