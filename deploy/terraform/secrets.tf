data "aws_caller_identity" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id

  # Every secret a container reads, by the environment variable the app expects.
  # External tokens are stored out of band (docs/operations.md, "Rotate secrets");
  # the database and Redis URLs are written here from the generated passwords.
  secret_names = [
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "OPENAI_API_KEY",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "ADMIN_API_KEYS",
    "DATABASE_URL",
    "REDIS_URL",
    "SMTP_URL",
    "EMAIL_LINK_SECRET",
  ]

  app_secrets = [
    for secret_name in local.secret_names : {
      name      = secret_name
      valueFrom = aws_secretsmanager_secret.app[secret_name].arn
    }
  ]
}

# One customer-managed key for logs, secrets, the database, the cache, the bucket and SNS.
resource "aws_kms_key" "main" {
  description             = "${var.name}: encryption at rest"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.kms.json
}

resource "aws_kms_alias" "main" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.main.key_id
}

data "aws_iam_policy_document" "kms" {
  # In a key policy "*" means this key only, and the account root statement is AWS's
  # required default that lets IAM policies grant use of the key.
  #checkov:skip=CKV_AWS_111:Key policy: resource "*" is the key itself; root statement is the AWS default
  #checkov:skip=CKV_AWS_356:Key policy: resource "*" is the key itself
  #checkov:skip=CKV_AWS_109:Key policy: the account root must administer the key, or it becomes unmanageable
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid = "AwsServicesEncrypt"
    actions = [
      "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey",
    ]
    resources = ["*"]
    principals {
      type = "Service"
      identifiers = [
        "logs.${var.region}.amazonaws.com",
        "sns.amazonaws.com",
        "cloudwatch.amazonaws.com",
      ]
    }
  }
}

resource "aws_secretsmanager_secret" "app" {
  #checkov:skip=CKV2_AWS_57:Slack, OpenAI and Twilio tokens are rotated at the provider and stored by the runbook; DB/Redis credentials are rotated by the runbook with zero downtime
  for_each                = toset(local.secret_names)
  name                    = "${var.name}/${lower(replace(each.key, "_", "-"))}"
  description             = "BMO Learning ${each.key}"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 30
}

resource "random_password" "database" {
  length  = 40
  special = false
}

resource "random_password" "redis" {
  length  = 64
  special = false
}

# No sslmode in the URL: asyncpg and libpq both default to "prefer", and rds.force_ssl
# refuses plain connections, so every connection is TLS.
resource "aws_secretsmanager_secret_version" "database_url" {
  secret_id     = aws_secretsmanager_secret.app["DATABASE_URL"].id
  secret_string = "postgresql://bmo:${random_password.database.result}@${aws_db_instance.main.address}:5432/bmo"
}

resource "aws_secretsmanager_secret_version" "redis_url" {
  secret_id     = aws_secretsmanager_secret.app["REDIS_URL"].id
  secret_string = "rediss://:${random_password.redis.result}@${aws_elasticache_replication_group.main.primary_endpoint_address}:6379/0"
}
