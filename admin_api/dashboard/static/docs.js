// Renders the OpenAPI document of this API as a readable reference, from local files only.
(function () {
  "use strict";
  const make = (tag, text, cls) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  };

  function resolve(spec, schema) {
    if (schema && schema.$ref) return resolve(spec, spec.components.schemas[schema.$ref.split("/").pop()]);
    return schema;
  }

  function pre(value) { return make("pre", JSON.stringify(value, null, 2)); }

  function operation(spec, path, method, op) {
    const box = make("details", undefined, "card op");
    const summary = make("summary");
    summary.append(make("span", method.toUpperCase(), `method ${method.toUpperCase()}`),
      make("span", `${spec.servers[0].url}${path}`, "path"), make("span", op.summary, "muted"));
    box.appendChild(summary);
    if (op.security && op.security.length) box.appendChild(make("p", "Needs 'Authorization: Bearer <key>'.", "muted"));
    if (op.parameters) {
      box.appendChild(make("h3", "Parameters"));
      box.appendChild(pre(op.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required, schema: p.schema }))));
    }
    if (op.requestBody) {
      for (const [media, body] of Object.entries(op.requestBody.content)) {
        box.appendChild(make("h3", `Body (${media})`));
        box.appendChild(pre(resolve(spec, body.schema)));
      }
    }
    box.appendChild(make("h3", "Responses"));
    const list = make("ul");
    for (const [status, response] of Object.entries(op.responses)) {
      list.appendChild(make("li", `${status} — ${response.description}`));
    }
    box.appendChild(list);
    return box;
  }

  fetch("openapi.json").then((r) => r.json()).then((spec) => {
    document.getElementById("title").textContent = `${spec.info.title} ${spec.info.version}`;
    document.getElementById("description").textContent = spec.info.description;
    const root = document.getElementById("operations");
    const byTag = {};
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        (byTag[op.tags[0]] = byTag[op.tags[0]] || []).push(operation(spec, path, method, op));
      }
    }
    for (const [tag, ops] of Object.entries(byTag)) {
      root.appendChild(make("h2", tag[0].toUpperCase() + tag.slice(1)));
      ops.forEach((op) => root.appendChild(op));
    }
  });
})();
