// Parse a GEXF file the way Gephi Lite does (graphology-gexf, undeclared attributes refused)
// and print the resulting graph as JSON: {type, multi, order, size, graph: graph.export()}.
// Usage: node tests/js/parse_gexf.js FILE.gexf
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');

const text = fs.readFileSync(process.argv[2], 'utf-8');
const graph = gexf.parse(Graph, text, {allowUndeclaredAttributes: false});
process.stdout.write(JSON.stringify({
  type: graph.type,
  multi: graph.multi,
  order: graph.order,
  size: graph.size,
  graph: graph.export(),
}));
