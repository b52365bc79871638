# Uploaded training documents: private, versioned, encrypted with the KMS key.
resource "aws_s3_bucket" "documents" {
  #checkov:skip=CKV_AWS_144:Cross-region replication is not required; versioning and RDS backups cover recovery, and documents can be re-uploaded from their source
  #checkov:skip=CKV2_AWS_62:No consumer for event notifications; ingestion is started by the admin API, not by S3 events
  #checkov:skip=CKV_AWS_18:Object access is recorded by CloudTrail data events at the account level rather than server access logs into another bucket
  bucket_prefix = "${var.name}-documents-"
}

resource "aws_s3_bucket_public_access_block" "documents" {
  bucket                  = aws_s3_bucket.documents.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "documents" {
  bucket = aws_s3_bucket.documents.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "documents" {
  bucket = aws_s3_bucket.documents.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "documents" {
  bucket = aws_s3_bucket.documents.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "documents" {
  bucket = aws_s3_bucket.documents.id

  rule {
    id     = "expire-old-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 90
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

locals {
  document_prefix_arn = "${aws_s3_bucket.documents.arn}/${var.document_prefix}/*"
}

# TLS only; the app's role may touch its prefix and nothing else in the bucket.
data "aws_iam_policy_document" "documents_bucket" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.documents.arn, "${aws_s3_bucket.documents.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid           = "DenyAppOutsideItsPrefix"
    effect        = "Deny"
    actions       = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    not_resources = [local.document_prefix_arn]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.task.arn]
    }
  }

  statement {
    sid       = "AppReadsAndWritesItsPrefix"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = [local.document_prefix_arn]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.task.arn]
    }
  }

  statement {
    sid       = "AppListsItsPrefix"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.documents.arn]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.task.arn]
    }
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.document_prefix}/*"]
    }
  }
}

resource "aws_s3_bucket_policy" "documents" {
  bucket     = aws_s3_bucket.documents.id
  policy     = data.aws_iam_policy_document.documents_bucket.json
  depends_on = [aws_s3_bucket_public_access_block.documents]
}
