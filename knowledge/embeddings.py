"""Text embeddings behind one small interface, chosen by the EMBEDDINGS setting.

`minilm` (default) runs the bundled all-MiniLM-L6-v2 locally, `openai` calls an
OpenAI-compatible endpoint, `none` disables vectors (retrieval falls back to keywords).
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal, Protocol

from knowledge import minilm
from knowledge.safety.pii import redact_all

EmbedderKind = Literal["minilm", "openai", "none"]


class Embedder(Protocol):
    key: str
    dims: int | None

    async def embed(self, texts: list[str]) -> list[list[float]] | None:
        """One vector per text, or None when this embedder produces no vectors."""
        ...


class MiniLMEmbedder:
    key = "minilm"
    dims: int | None = minilm.DIMS

    def __init__(self, model: minilm.MiniLM | None = None) -> None:
        self._model = model

    def _encode(self, texts: list[str]) -> list[list[float]]:
        model = self._model or minilm.shared_model()
        vectors: list[list[float]] = model.encode(texts).tolist()
        return vectors

    async def embed(self, texts: list[str]) -> list[list[float]] | None:
        if not texts:
            return []
        # The forward pass is CPU-bound; keep the event loop free.
        return await asyncio.to_thread(self._encode, texts)


class OpenAIEmbedder:
    key = "openai"
    dims: int | None = 1536

    def __init__(
        self, *, api_key: str, base_url: str | None, model: str, batch_size: int = 256
    ) -> None:
        import openai

        from knowledge.llm import record_embedding_cost

        self._record_cost = record_embedding_cost
        self._openai = openai.AsyncOpenAI(api_key=api_key, base_url=base_url)
        self._model = model
        self._batch_size = batch_size

    async def embed(self, texts: list[str]) -> list[list[float]] | None:
        if not texts:
            return []
        # The embeddings API is an exit: nothing leaves without redaction.
        safe = await redact_all(texts)
        vectors: list[list[float]] = []
        for start in range(0, len(safe), self._batch_size):
            response = await self._openai.embeddings.create(
                model=self._model,
                input=safe[start : start + self._batch_size],
                encoding_format="float",
            )
            # The gateway counts what each request costs (the usage comes with the answer).
            self._record_cost(self._model, response.usage.prompt_tokens)
            vectors.extend(item.embedding for item in sorted(response.data, key=_index))
        return vectors

    async def embed_query(self, text: str) -> list[float]:
        vectors = await self.embed([text])
        assert vectors is not None
        return vectors[0]

    async def aclose(self) -> None:
        await self._openai.close()


def _index(item: Any) -> int:
    return int(item.index)


class NoEmbedder:
    key = "none"
    dims: int | None = None

    async def embed(self, texts: list[str]) -> list[list[float]] | None:
        return None


def build_embedder(
    kind: str,
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    model: str = "text-embedding-3-small",
) -> Embedder:
    if kind == "minilm":
        return MiniLMEmbedder()
    if kind == "none":
        return NoEmbedder()
    if kind == "openai":
        if not api_key:
            raise ValueError("EMBEDDINGS=openai needs an OpenAI API key")
        return OpenAIEmbedder(api_key=api_key, base_url=base_url, model=model)
    raise ValueError(f"unknown embeddings kind {kind!r}: use minilm, openai or none")
