"""What retrieval returns: a passage of training material with everything a citation needs."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Citation(BaseModel):
    chunk_id: int
    document_id: int
    document_title: str
    heading: str = ""
    source_uri: str = ""

    def label(self) -> str:
        """Short human label, e.g. 'Card basics › Annual fees'."""
        return f"{self.document_title} › {self.heading}" if self.heading else self.document_title


class Passage(BaseModel):
    chunk_id: int
    document_id: int
    document_title: str
    source_uri: str
    heading: str = ""
    text: str
    topic_id: int | None = None
    score: float = 0.0
    keyword_rank: int | None = Field(default=None, description="1-based rank in full-text search")
    vector_rank: int | None = Field(default=None, description="1-based rank in vector search")

    def citation(self) -> Citation:
        return Citation(
            chunk_id=self.chunk_id,
            document_id=self.document_id,
            document_title=self.document_title,
            heading=self.heading,
            source_uri=self.source_uri,
        )
