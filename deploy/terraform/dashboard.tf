locals {
  ns  = var.metrics_namespace
  alb = aws_lb.main.arn_suffix
}

resource "aws_cloudwatch_dashboard" "main" {
  dashboard_name = "${var.name}-operations"
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title  = "Requests per minute"
          region = var.region
          stat   = "Sum"
          period = 60
          metrics = [
            ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", local.alb],
            ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", local.alb],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title  = "Latency (p50, p95, p99)"
          region = var.region
          period = 60
          metrics = [
            ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", local.alb, { stat = "p50" }],
            ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", local.alb, { stat = "p95" }],
            ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", local.alb, { stat = "p99" }],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title  = "Deliveries by status and channel"
          region = var.region
          stat   = "Sum"
          period = 300
          metrics = [
            [{ expression = "SEARCH('{${local.ns},status,channel} MetricName=\"bmo_deliveries_total\"', 'Sum', 300)", id = "deliveries" }],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title  = "Job queue: depth and oldest due job (s)"
          region = var.region
          stat   = "Maximum"
          period = 60
          metrics = [
            [local.ns, "bmo_queue_depth", "queue", "deliveries"],
            [local.ns, "bmo_queue_oldest_job_age_seconds", "queue", "deliveries", { yAxis = "right" }],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 12, width = 12, height = 6
        properties = {
          title  = "LLM cost (USD per hour)"
          region = var.region
          stat   = "Sum"
          period = 3600
          metrics = [
            [local.ns, "bmo_llm_cost_usd_total"],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 12, width = 12, height = 6
        properties = {
          title  = "Slack 429 responses"
          region = var.region
          stat   = "Sum"
          period = 300
          metrics = [
            [local.ns, "bmo_slack_rate_limited_total"],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 18, width = 24, height = 6
        properties = {
          title  = "WAF: blocked and allowed requests"
          region = var.region
          stat   = "Sum"
          period = 300
          metrics = [
            ["AWS/WAFV2", "BlockedRequests", "WebACL", aws_wafv2_web_acl.main.name, "Region", var.region, "Rule", "ALL"],
            ["AWS/WAFV2", "AllowedRequests", "WebACL", aws_wafv2_web_acl.main.name, "Region", var.region, "Rule", "ALL", { yAxis = "right" }],
          ]
          annotations = {
            horizontal = [{ label = "alarm", value = var.waf_blocked_alarm_threshold }]
          }
        }
      },
    ]
  })
}
