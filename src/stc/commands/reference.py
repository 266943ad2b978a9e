"""`stc reference`: run the model on the reference set of real determinations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stc.commands.options import DataOpt, OutOpt
from stc.commands.runtime import guarded, open_corpus


def register(app: typer.Typer) -> None:
    @app.command()
    def reference(
        folder: Annotated[
            Path | None,
            typer.Option(
                "--reference",
                help="The reference folder (default: the one shipped with stc).",
                show_default=False,
            ),
        ] = None,
        output: OutOpt = None,
        data: DataOpt = None,
    ) -> None:
        """Each reference case (a real determination by a court or UNHCR, recorded as the facts
        the body had) assessed by the model under the framework it applied, at its dates, beside
        what the body found. Exit code 1 if any case disagrees."""

        def run() -> None:
            from stc.output import emit
            from stc.reference import case_ids, default_reference_root, run_case
            from stc.render.words import by_burden

            root = folder or default_reference_root()
            corpus = open_corpus(data)
            results = [run_case(root / cid, corpus.root) for cid in case_ids(root)]
            lines = ["Reference determinations and the model's outcomes", ""]
            for r in results:
                c = r.case
                lines.append(f"{c.title}")
                lines.append(
                    f"  {c.determination.body}, {c.determination.title} "
                    f"({c.determination.date.isoformat()})"
                )
                lines.append(
                    f"  framework {c.framework}; sending state {c.sending_state}; "
                    f"situation as of {c.as_of.isoformat()}; "
                    f"evidence published up to {c.known_by.isoformat()}"
                )
                outcomes = {x.id: x for x in r.assessment.criteria}
                for cid, expected in sorted(c.expected_criteria.items()):
                    found = outcomes.get(cid)
                    got = found.outcome if found else "absent"
                    mark = "agrees" if got == expected else "DISAGREES"
                    how = by_burden(found.decided_by_burden) if found else ""
                    lines.append(f"  {cid}: body found {expected}; model finds {got}{how} ({mark})")
                    if found:
                        shown = found.reasons[:2] if found.decided_by_burden else found.reasons[:1]
                        lines += [f"    {reason}" for reason in shown]
                lines.append("")
            agree = sum(1 for r in results if r.agrees)
            lines.append(
                f"{agree} of {len(results)} cases agree. No parameter was fitted to these cases, "
                "so leaving any one out changes nothing."
            )
            emit("\n".join(lines) + "\n", output)
            if agree != len(results):
                raise typer.Exit(1)

        guarded(run)
