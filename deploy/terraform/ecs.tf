resource "aws_ecs_cluster" "main" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "app" {
  #checkov:skip=CKV_AWS_338:Retention is 30 days by decision (cost and data minimisation); audit records live in the database audit_log
  name              = "/${var.name}/app"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}

# The collector writes the app's Prometheus metrics here as embedded metric format.
resource "aws_cloudwatch_log_group" "metrics" {
  #checkov:skip=CKV_AWS_338:Retention is 30 days by decision (cost and data minimisation); audit records live in the database audit_log
  name              = "/${var.name}/metrics"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}

locals {
  image = "${aws_ecr_repository.app.repository_url}:${var.image_tag}"

  app_environment = [
    { name = "PORT", value = tostring(var.app_port) },
    { name = "HOST", value = "0.0.0.0" },
    { name = "LOG_FORMAT", value = "json" },
    { name = "LOG_LEVEL", value = "INFO" },
    { name = "EMBEDDINGS", value = "openai" },
    { name = "SEPARATE_WORKER", value = "true" },
    { name = "PUBLIC_BASE_URL", value = var.public_base_url },
    { name = "TWILIO_FROM_NUMBER", value = var.twilio_from_number },
    { name = "DOCUMENT_STORE", value = "s3://${aws_s3_bucket.documents.bucket}/${var.document_prefix}" },
    { name = "DOCUMENT_STORE_KMS_KEY", value = aws_kms_key.main.arn },
    # The root filesystem is read-only: anything the app keeps on disk goes to scratch.
    { name = "DATA_DIR", value = "/tmp/bmo" },
    { name = "METRICS_PORT", value = tostring(var.worker_metrics_port) },
  ]

  log_options = {
    "awslogs-group"         = aws_cloudwatch_log_group.app.name
    "awslogs-region"        = var.region
    "awslogs-stream-prefix" = "app"
  }

  # Scrapes the app's /metrics every 30 s and publishes them to CloudWatch; the worker's
  # autoscaling and the alarms read them there.
  collector_config = templatefile("${path.module}/collector.yaml.tftpl", {
    namespace           = var.metrics_namespace
    log_group           = aws_cloudwatch_log_group.metrics.name
    region              = var.region
    app_port            = var.app_port
    worker_metrics_port = var.worker_metrics_port
  })

  collector = {
    name        = "metrics-collector"
    image       = var.collector_image
    essential   = false
    cpu         = 64
    memory      = 128
    environment = [{ name = "AOT_CONFIG_CONTENT", value = local.collector_config }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.app.name
        "awslogs-region"        = var.region
        "awslogs-stream-prefix" = "collector"
      }
    }
  }

  # The root filesystem is read-only; /tmp is a per-task scratch volume.
  scratch_mounts = [{ sourceVolume = "scratch", containerPath = "/tmp", readOnly = false }]

  # The same image and configuration in every role; only the command differs.
  # SIGTERM, then stopTimeout seconds before SIGKILL: the app finishes in-flight work
  # within 30 s. initProcessEnabled reaps children and forwards signals.
  bot_container = {
    name                   = "bot"
    image                  = local.image
    command                = ["serve"]
    essential              = true
    readonlyRootFilesystem = true
    mountPoints            = local.scratch_mounts
    environment            = local.app_environment
    secrets                = local.app_secrets
    linuxParameters        = { initProcessEnabled = true }
    stopTimeout            = 45
    portMappings           = [{ containerPort = var.app_port, protocol = "tcp" }]
    healthCheck = {
      command     = ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${var.app_port}/health', timeout=4)"]
      interval    = 30
      timeout     = 5
      retries     = 3
      startPeriod = 60
    }
    logConfiguration = { logDriver = "awslogs", options = local.log_options }
  }

  worker_container = {
    name                   = "worker"
    image                  = local.image
    command                = ["worker"]
    essential              = true
    readonlyRootFilesystem = true
    mountPoints            = local.scratch_mounts
    environment            = local.app_environment
    secrets                = local.app_secrets
    linuxParameters        = { initProcessEnabled = true }
    stopTimeout            = 45
    logConfiguration       = { logDriver = "awslogs", options = local.log_options }
  }

  migrate_container = {
    name                   = "migrate"
    image                  = local.image
    command                = ["migrate"]
    essential              = true
    readonlyRootFilesystem = true
    mountPoints            = local.scratch_mounts
    environment            = local.app_environment
    secrets                = local.app_secrets
    linuxParameters        = { initProcessEnabled = true }
    stopTimeout            = 120
    logConfiguration       = { logDriver = "awslogs", options = local.log_options }
  }
}

resource "aws_ecs_task_definition" "bot" {
  family                   = "${var.name}-bot"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.bot_cpu
  memory                   = var.bot_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  volume {
    name = "scratch"
  }

  container_definitions = jsonencode([local.bot_container, local.collector])
}

resource "aws_ecs_task_definition" "worker" {
  family                   = "${var.name}-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.worker_cpu
  memory                   = var.worker_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  volume {
    name = "scratch"
  }

  container_definitions = jsonencode([local.worker_container, local.collector])
}

# One-off: `aws ecs run-task --task-definition bmo-migrate ...` before each release.
resource "aws_ecs_task_definition" "migrate" {
  family                   = "${var.name}-migrate"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  volume {
    name = "scratch"
  }

  container_definitions = jsonencode([local.migrate_container])
}

resource "aws_ecs_service" "bot" {
  name                               = "${var.name}-bot"
  cluster                            = aws_ecs_cluster.main.id
  task_definition                    = aws_ecs_task_definition.bot.arn
  desired_count                      = var.min_tasks
  launch_type                        = "FARGATE"
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = 60
  propagate_tags                     = "SERVICE"

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.bot.arn
    container_name   = "bot"
    container_port   = var.app_port
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  lifecycle {
    ignore_changes = [desired_count] # owned by autoscaling
  }

  depends_on = [aws_lb_listener.https]
}

resource "aws_ecs_service" "worker" {
  name                               = "${var.name}-worker"
  cluster                            = aws_ecs_cluster.main.id
  task_definition                    = aws_ecs_task_definition.worker.arn
  desired_count                      = var.min_tasks
  launch_type                        = "FARGATE"
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  propagate_tags                     = "SERVICE"

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  lifecycle {
    ignore_changes = [desired_count]
  }
}

resource "aws_appautoscaling_target" "bot" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.bot.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.min_tasks
  max_capacity       = var.max_tasks
}

resource "aws_appautoscaling_policy" "bot_cpu" {
  name               = "${var.name}-bot-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.bot.service_namespace
  resource_id        = aws_appautoscaling_target.bot.resource_id
  scalable_dimension = aws_appautoscaling_target.bot.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.bot_cpu_target
    scale_in_cooldown  = 300
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_target" "worker" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.worker.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.min_tasks
  max_capacity       = var.max_tasks
}

# Queue depth (jobs due and waiting, published by the collector) divided by running
# workers: target tracking keeps about `worker_queue_target` waiting jobs per task.
resource "aws_appautoscaling_policy" "worker_queue" {
  name               = "${var.name}-worker-queue-depth"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.worker.service_namespace
  resource_id        = aws_appautoscaling_target.worker.resource_id
  scalable_dimension = aws_appautoscaling_target.worker.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.worker_queue_target
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    customized_metric_specification {
      metrics {
        id          = "depth"
        return_data = false
        metric_stat {
          stat = "Maximum"
          metric {
            namespace   = var.metrics_namespace
            metric_name = "bmo_queue_depth"
            dimensions {
              name  = "queue"
              value = "deliveries"
            }
          }
        }
      }
      metrics {
        id          = "workers"
        return_data = false
        metric_stat {
          stat = "Average"
          metric {
            namespace   = "ECS/ContainerInsights"
            metric_name = "RunningTaskCount"
            dimensions {
              name  = "ClusterName"
              value = aws_ecs_cluster.main.name
            }
            dimensions {
              name  = "ServiceName"
              value = aws_ecs_service.worker.name
            }
          }
        }
      }
      metrics {
        id          = "per_worker"
        expression  = "depth / MAX([workers, 1])"
        label       = "Waiting jobs per worker"
        return_data = true
      }
    }
  }
}
