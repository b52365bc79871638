resource "aws_sns_topic" "alerts" {
  name              = "${var.name}-alerts"
  kms_master_key_id = aws_kms_key.main.arn
}

resource "aws_sns_topic_subscription" "alerts_email" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# More than 5% of requests answered 5xx by the app over 5 minutes.
resource "aws_cloudwatch_metric_alarm" "http_5xx_rate" {
  alarm_name          = "${var.name}-http-5xx-rate"
  alarm_description   = "More than 5% of requests failed with a 5xx (runbook: docs/operations.md#alarms)"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  threshold           = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  metric_query {
    id          = "rate"
    expression  = "100 * errors / MAX([requests, 1])"
    label       = "5xx %"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      period      = 300
      stat        = "Sum"
      dimensions  = { LoadBalancer = aws_lb.main.arn_suffix }
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      period      = 300
      stat        = "Sum"
      dimensions  = { LoadBalancer = aws_lb.main.arn_suffix }
    }
  }
}

# A due lesson has waited more than 10 minutes: workers are down or far behind.
resource "aws_cloudwatch_metric_alarm" "queue_age" {
  alarm_name          = "${var.name}-queue-age"
  alarm_description   = "Oldest due delivery job waiting over 10 minutes (runbook: docs/operations.md#alarms)"
  namespace           = var.metrics_namespace
  metric_name         = "bmo_queue_oldest_job_age_seconds"
  dimensions          = { queue = "deliveries" }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = 600
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "breaching" # no figure at all means nothing is scraping
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
}

# Deliveries that failed for good (after retries and fallback), on any channel or for
# want of one (channel "none": no reachable channel for the learner).
resource "aws_cloudwatch_metric_alarm" "failed_deliveries" {
  alarm_name          = "${var.name}-failed-deliveries"
  alarm_description   = "More than 10 deliveries failed in 15 minutes (runbook: docs/operations.md#alarms)"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  threshold           = 10
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  metric_query {
    id          = "failed"
    expression  = "FILL(slack, 0) + FILL(sms, 0) + FILL(email, 0) + FILL(unreachable, 0)"
    label       = "Failed deliveries"
    return_data = true
  }

  metric_query {
    id = "slack"
    metric {
      namespace   = var.metrics_namespace
      metric_name = "bmo_deliveries_total"
      period      = 900
      stat        = "Sum"
      dimensions  = { status = "failed", channel = "slack" }
    }
  }

  metric_query {
    id = "sms"
    metric {
      namespace   = var.metrics_namespace
      metric_name = "bmo_deliveries_total"
      period      = 900
      stat        = "Sum"
      dimensions  = { status = "failed", channel = "sms" }
    }
  }

  metric_query {
    id = "email"
    metric {
      namespace   = var.metrics_namespace
      metric_name = "bmo_deliveries_total"
      period      = 900
      stat        = "Sum"
      dimensions  = { status = "failed", channel = "email" }
    }
  }

  metric_query {
    id = "unreachable"
    metric {
      namespace   = var.metrics_namespace
      metric_name = "bmo_deliveries_total"
      period      = 900
      stat        = "Sum"
      dimensions  = { status = "failed", channel = "none" }
    }
  }
}

# Slack is pushing back: pacing is too aggressive or another app shares the quota.
resource "aws_cloudwatch_metric_alarm" "slack_rate_limited" {
  alarm_name          = "${var.name}-slack-429s"
  alarm_description   = "Slack answered 429 more than 20 times in 5 minutes (runbook: docs/operations.md#alarms)"
  namespace           = var.metrics_namespace
  metric_name         = "bmo_slack_rate_limited_total"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 20
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
}
