resource "aws_lb" "main" {
  #checkov:skip=CKV2_AWS_76:The Log4j rules are in place (AWSManagedRulesKnownBadInputsRuleSet in waf.tf); the check also demands AWSManagedRulesAnonymousIpList, whose hosting-provider rule would block Slack's and Twilio's webhooks
  #checkov:skip=CKV_AWS_91:Per-request access logs would hold Slack payload metadata; request counts, latency and 5xx rates come from ALB CloudWatch metrics
  name                       = "${var.name}-alb"
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = aws_subnet.public[*].id
  security_groups            = [aws_security_group.alb.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = true
  idle_timeout               = 60
}

resource "aws_lb_target_group" "bot" {
  #checkov:skip=CKV_AWS_378:TLS ends at the load balancer; the hop to the tasks stays inside private subnets and their security group
  name                 = "${var.name}-bot"
  port                 = var.app_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = aws_vpc.main.id
  deregistration_delay = 35 # just over the app's 30 s graceful shutdown

  # /ready: the task is put in service only when the database is reachable and migrated.
  health_check {
    path                = "/ready"
    port                = "traffic-port"
    protocol            = "HTTP"
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  # Anything not routed below (e.g. /metrics, /playground) is not public.
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "application/json"
      message_body = "{\"error\":\"not_found\"}"
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener_rule" "bot" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.bot.arn
  }

  condition {
    path_pattern {
      values = ["/slack/*", "/sms/*", "/api/*", "/admin*"]
    }
  }
}

resource "aws_lb_listener_rule" "health" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 20

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.bot.arn
  }

  condition {
    path_pattern {
      values = ["/health", "/ready"]
    }
  }
}
