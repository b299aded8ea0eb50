"""Dossier driven by pytest-lsp as recorded clients speak: Neovim, VS Code and Emacs.

Run: DOSSIER_BIN=target/debug/dossier pytest editors/tests
"""

import asyncio
import os
import pathlib

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

HERE = pathlib.Path(__file__).parent
FIXTURE = (HERE / "fixture.md").read_text(encoding="utf-8")
URI = (HERE / "fixture.md").resolve().as_uri()
BIN = os.environ.get("DOSSIER_BIN", "dossier")


def position_of(needle: str, nth: int = 0) -> types.Position:
    """The position where the `nth` occurrence of `needle` starts, in UTF-16 columns."""
    offset = -1
    for _ in range(nth + 1):
        offset = FIXTURE.index(needle, offset + 1)
    before = FIXTURE[:offset]
    line = before.count("\n")
    col = before[before.rfind("\n") + 1 :]
    return types.Position(line=line, character=len(col.encode("utf-16-le")) // 2)


def capabilities(spec: str) -> types.ClientCapabilities:
    """A recorded client's capabilities; `vscode-languageclient-9` is VS Code 1.65's with what
    vscode-languageclient 9 (the extension's client) adds: it pulls diagnostics and can be asked
    to pull again."""
    if spec != "vscode-languageclient-9":
        return client_capabilities(spec)
    caps = client_capabilities("visual-studio-code")
    caps.text_document.diagnostic = types.DiagnosticClientCapabilities(
        dynamic_registration=True, related_document_support=False
    )
    caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[BIN, "lsp"]),
    params=["neovim@v0.11.0", "neovim@v0.9.1", "visual-studio-code", "vscode-languageclient-9", "emacs"],
)
async def client(request, lsp_client: LanguageClient):
    # The server registers file watchers with clients that can take them, as editors do.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: types.RegistrationParams):
        return None

    caps = capabilities(request.param)
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=caps,
            initialization_options={"reference-date": "2014-12-31", "code-lens": True},
            workspace_folders=[],
        )
    )
    lsp_client.pulls = caps.text_document.diagnostic is not None
    lsp_client.offered_pulls = result.capabilities.diagnostic_provider is not None
    lsp_client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=URI, language_id="markdown", version=1, text=FIXTURE)
        )
    )
    if not lsp_client.pulls:
        await lsp_client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    yield
    await lsp_client.shutdown_session()


async def diagnostics(client: LanguageClient) -> list[types.Diagnostic]:
    """The report's diagnostics as the client has them: pulled, or as published."""
    if client.pulls:
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=URI))
        )
        return report.items
    return client.diagnostics[URI]


@pytest.mark.asyncio
async def test_diagnostics_carry_the_weekday_finding(client: LanguageClient):
    diags = await diagnostics(client)
    assert [d.code for d in diags] == ["weekday"]
    assert "Friday" in diags[0].message


@pytest.mark.asyncio
async def test_one_model_of_diagnostics_per_client(client: LanguageClient):
    # VS Code keeps pulled and pushed diagnostics apart: a client sent both shows each twice.
    assert client.offered_pulls == client.pulls
    if client.pulls:
        await diagnostics(client)
        # Give a publication that should not come the time to arrive.
        await asyncio.sleep(0.5)
        assert URI not in client.diagnostics


@pytest.mark.asyncio
async def test_hover_on_a_date_and_a_figure(client: LanguageClient):
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=position_of("Oct. 31"))
    )
    assert "2014-10-31" in hover.contents.value and "Friday" in hover.contents.value
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=position_of("$359 million"))
    )
    assert "USD 359,000,000" in hover.contents.value


@pytest.mark.asyncio
async def test_definition_references_and_highlights(client: LanguageClient):
    doc = types.TextDocumentIdentifier(uri=URI)
    second = position_of("Wang Yi", 1)
    result = await client.text_document_definition_async(types.DefinitionParams(text_document=doc, position=second))
    location = result[0] if isinstance(result, list) else result
    assert location.range.start == position_of("Wang Yi", 0)
    refs = await client.text_document_references_async(
        types.ReferenceParams(text_document=doc, position=second, context=types.ReferenceContext(include_declaration=True))
    )
    assert len(refs) == 2
    highlights = await client.text_document_document_highlight_async(
        types.DocumentHighlightParams(text_document=doc, position=second)
    )
    assert len(highlights) == 2


@pytest.mark.asyncio
async def test_outline_symbols_and_folding(client: LanguageClient):
    doc = types.TextDocumentIdentifier(uri=URI)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc))
    names = []

    def walk(s):
        if s.kind == types.SymbolKind.String:
            names.append(s.name)
        for child in getattr(s, "children", None) or []:
            walk(child)

    for s in symbols:
        walk(s)
    assert names == ["Briefing, Sep — Dec 2014", "Talks", "Money"]
    folds = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc))
    assert len(folds) >= 2
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="wang"))
    assert any(s.name == "Wang Yi" for s in found)


@pytest.mark.asyncio
async def test_tokens_hints_rename_completion_and_fixes(client: LanguageClient):
    doc = types.TextDocumentIdentifier(uri=URI)
    tokens = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc))
    assert tokens.data and len(tokens.data) % 5 == 0
    whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=20, character=0))
    hints = await client.text_document_inlay_hint_async(types.InlayHintParams(text_document=doc, range=whole))
    assert any(h.label == " 2014-10-31" for h in hints)
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc, position=position_of("Wang Yi"))
    )
    assert prepared is not None
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc, position=position_of("Wang Yi"), new_name="Wang Yi (FM)")
    )
    assert len(edit.changes[URI]) == 2
    completion = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc, position=types.Position(line=4, character=position_of("Seoul").character + 3))
    )
    labels = [i.label for i in (completion.items if hasattr(completion, "items") else completion)]
    assert labels[0] == "Seoul"
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc,
            range=types.Range(start=position_of("Monday"), end=position_of("Monday")),
            context=types.CodeActionContext(diagnostics=await diagnostics(client)),
        )
    )
    assert actions and actions[0].title == "Change to Friday"


@pytest.mark.asyncio
async def test_token_ranges_deltas_and_code_lens(client: LanguageClient):
    doc = types.TextDocumentIdentifier(uri=URI)
    full = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc))
    delta = await client.text_document_semantic_tokens_full_delta_async(
        types.SemanticTokensDeltaParams(text_document=doc, previous_result_id=full.result_id)
    )
    assert hasattr(delta, "edits") and list(delta.edits) == []
    first_lines = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=5, character=0))
    ranged = await client.text_document_semantic_tokens_range_async(
        types.SemanticTokensRangeParams(text_document=doc, range=first_lines)
    )
    assert 0 < len(ranged.data) < len(full.data)
    lenses = await client.text_document_code_lens_async(types.CodeLensParams(text_document=doc))
    assert len(lenses) == 3 and "actors" in lenses[1].command.title
