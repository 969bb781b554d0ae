import express, { type Request, type Response, type Router } from "express";
import { isExportFile, type ExportFile } from "../../shared/exports.js";
import { fail, type ErrorCode, type Result } from "../../shared/protocol.js";
import type { Engine } from "../engine/Engine.js";
import { actionsCsv, ideasCsv } from "../export/csv.js";
import { docxReport } from "../export/docx.js";
import { markdownReport } from "../export/markdown.js";
import { collectExport, type SummitExport } from "../export/model.js";
import { xlsxWorkbook } from "../export/xlsx.js";
import type { Store, SummitRow } from "../store/Store.js";
import type { DocRegistry } from "../yjs/DocRegistry.js";
import { bearer, send } from "./results.js";

/** Every export an organiser can download, by file name. */
const EXPORTS: Record<
  ExportFile,
  { type: string; make: (model: SummitExport) => string | Buffer | Promise<Buffer> }
> = {
  "ideas.csv": { type: "text/csv; charset=utf-8", make: ideasCsv },
  "actions.csv": { type: "text/csv; charset=utf-8", make: actionsCsv },
  "summit.xlsx": {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    make: xlsxWorkbook,
  },
  "report.docx": {
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    make: docxReport,
  },
  "report.md": { type: "text/markdown; charset=utf-8", make: markdownReport },
  "summit.json": {
    type: "application/json; charset=utf-8",
    make: (model) => `${JSON.stringify(model, null, 2)}\n`,
  },
};

/** The organiser's REST: the summit with its workshops, and exports. All need the organiser key. */
export function summitRouter(engine: Engine, store: Store, docs: DocRegistry): Router {
  const router = express.Router();

  router.get("/", (req, res) => {
    const summit = organiserSummit(engine, store, req, res);
    if (!summit) return;
    send(res, {
      ok: true,
      value: {
        summit: {
          id: summit.id,
          name: summit.name,
          date: summit.date,
          venue: summit.venue,
          archived: summit.archivedAt !== null,
        },
        workshops: store.workshopsOf(summit.id).map(({ id, title, code }) => ({ id, title, code })),
      },
    });
  });

  router.get("/export/:file", async (req, res) => {
    const summit = organiserSummit(engine, store, req, res);
    if (!summit) return;
    const file = req.params.file;
    if (!isExportFile(file)) return send(res, fail("not_found"));
    const format = EXPORTS[file];
    const workshopId = typeof req.query.workshop === "string" ? req.query.workshop : undefined;
    if (workshopId && !store.workshopsOf(summit.id).some((w) => w.id === workshopId)) {
      return send(res, fail("not_found", "That workshop is not in your summit."));
    }
    const model = collectExport(store, docs, summit, workshopId);
    const body = await format.make(model);
    const scope = workshopId ? slug(model.workshops[0]?.title ?? "workshop") : slug(summit.name);
    res
      .status(200)
      .type(format.type)
      .set("cache-control", "no-store")
      .attachment(`${scope}-${file}`)
      .send(body);
  });

  return router;
}

/** The organiser's summit from the request's key, or null after answering with the refusal. */
function organiserSummit(
  engine: Engine,
  store: Store,
  req: Request,
  res: Response,
): SummitRow | null {
  const principal = engine.authenticate(bearer(req));
  const refuse = (code: ErrorCode): null => {
    send(res, fail(code) as Result);
    return null;
  };
  if (typeof principal === "string") return refuse(principal);
  if (principal.role !== "organiser" || !principal.summitId) {
    return refuse(principal.role === "none" ? "unauthenticated" : "forbidden");
  }
  return store.getSummit(principal.summitId) ?? refuse("not_found");
}

function slug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, "-")
      .slice(0, 60) || "roundtable"
  );
}
