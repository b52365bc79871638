output "load_balancer_dns" {
  description = "Point the public DNS name (and Slack/Twilio webhook URLs) here."
  value       = aws_lb.main.dns_name
}

output "ecr_repository_url" {
  value = aws_ecr_repository.app.repository_url
}

output "cluster_name" {
  value = aws_ecs_cluster.main.name
}

output "migrate_task_definition" {
  value = aws_ecs_task_definition.migrate.family
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}

output "tasks_security_group_id" {
  value = aws_security_group.tasks.id
}

output "documents_bucket" {
  value = aws_s3_bucket.documents.bucket
}

output "alerts_topic_arn" {
  value = aws_sns_topic.alerts.arn
}

output "database_endpoint" {
  value = aws_db_instance.main.address
}
