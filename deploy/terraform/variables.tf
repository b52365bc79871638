variable "region" {
  description = "AWS region for every resource."
  type        = string
  default     = "us-east-2"
}

variable "name" {
  description = "Prefix for resource names."
  type        = string
  default     = "bmo"
}

variable "environment" {
  description = "Environment name (production, staging)."
  type        = string
  default     = "production"
}

variable "availability_zones" {
  description = "The three zones the VPC spans (pinned, so a new zone never moves subnets)."
  type        = list(string)
  default     = ["us-east-2a", "us-east-2b", "us-east-2c"]

  validation {
    condition     = length(var.availability_zones) == 3
    error_message = "Exactly three availability zones."
  }
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC; split into 3 public and 3 private subnets."
  type        = string
  default     = "10.40.0.0/16"
}

variable "image_tag" {
  description = "Tag of the bmo-learning image in ECR to run (immutable tags: one per release)."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate for the HTTPS listener."
  type        = string
}

variable "public_base_url" {
  description = "Public HTTPS URL of the load balancer's DNS name, used for webhook signatures."
  type        = string
}

variable "alarm_email" {
  description = "E-mail address subscribed to the alarm topic (confirm the subscription mail)."
  type        = string
}

variable "twilio_from_number" {
  description = "Twilio sender number in E.164 (not a secret)."
  type        = string
  default     = ""
}

variable "app_port" {
  description = "Port the bot container listens on."
  type        = number
  default     = 3000
}

variable "worker_metrics_port" {
  description = "Port on which the worker exposes Prometheus metrics inside its task."
  type        = number
  default     = 9464
}

variable "bot_cpu" {
  type    = number
  default = 512
}

variable "bot_memory" {
  type    = number
  default = 1024
}

variable "worker_cpu" {
  type    = number
  default = 512
}

variable "worker_memory" {
  type    = number
  default = 1024
}

variable "min_tasks" {
  description = "Minimum tasks per service."
  type        = number
  default     = 1
}

variable "max_tasks" {
  description = "Maximum tasks per service."
  type        = number
  default     = 10
}

variable "bot_cpu_target" {
  description = "Average CPU percentage the bot service scales to keep."
  type        = number
  default     = 60
}

variable "worker_queue_target" {
  description = "Waiting jobs per worker task the worker service scales to keep."
  type        = number
  default     = 50
}

variable "db_instance_class" {
  type    = string
  default = "db.t4g.medium"
}

variable "db_allocated_storage" {
  type    = number
  default = 50
}

variable "db_backup_retention_days" {
  type    = number
  default = 14
}

variable "redis_node_type" {
  type    = string
  default = "cache.t4g.small"
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "document_prefix" {
  description = "Key prefix in the documents bucket that the app may read and write."
  type        = string
  default     = "documents"
}

variable "metrics_namespace" {
  description = "CloudWatch namespace for the app's own metrics."
  type        = string
  default     = "BMOLearning"
}

variable "collector_image" {
  description = "AWS Distro for OpenTelemetry collector: scrapes /metrics into CloudWatch."
  type        = string
  default     = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1"
}

variable "waf_rate_limit" {
  description = "Requests per client IP in any 5 minutes before the WAF blocks it (admin API, dashboard, health)"
  type        = number
  default     = 2000
}

variable "waf_webhook_rate_limit" {
  description = "Requests per sending IP in any 5 minutes on the Slack and Twilio webhooks"
  type        = number
  default     = 50000
}

variable "waf_blocked_alarm_threshold" {
  description = "Blocked requests in 5 minutes that raise the WAF alarm"
  type        = number
  default     = 500
}
