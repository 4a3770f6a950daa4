import BatonCore

extension Plot {
    /// The chart as a Vega-Lite v5 specification (JSON text) with the rows inlined, for notebooks
    /// (Altair, Observable, the Vega editor). Same columns, aggregation (mean, with min-max rules),
    /// titles, log option and scheduler colours as the SVG.
    /// - Throws: `InputError` (.flag) for missing or non-numeric columns.
    public static func vegaLite(_ table: ResultTable, _ spec: PlotSpec) throws -> String {
        let data = try PlotData.build(table, spec)
        return VegaLiteBuilder(table: table, spec: spec, data: data).build().pretty() + "\n"
    }
}

/// Builds the Vega-Lite specification.
struct VegaLiteBuilder {
    let table: ResultTable
    let spec: PlotSpec
    let data: PlotData

    var seriesColumn: String? {
        guard let series = spec.series, table.columns.contains(series) else { return nil }
        return series
    }

    /// Field name after display scaling (fractions shown in percent get a `_pct` twin).
    func field(_ column: String, scale: Double) -> String { scale == 1 ? column : column + "_pct" }

    func build() -> JSONText {
        let renderer = PlotRenderer(data: data, spec: spec)
        var root: [(String, JSONText)] = [
            ("$schema", .string("https://vega.github.io/schema/vega-lite/v5.json")),
            ("title", .string(renderer.title())),
            ("data", .object([("values", .array(values()))])),
        ]
        var transforms: [JSONText] = []
        if spec.kind.style != .bars && data.xScale != 1 { transforms.append(scaling(spec.x, data.xScale)) }
        for y in spec.y where (data.yScales[y] ?? 1) != 1 { transforms.append(scaling(y, data.yScales[y] ?? 1)) }
        if !transforms.isEmpty { root.append(("transform", .array(transforms))) }
        let views = spec.y.map { view(y: $0) }
        if views.count == 1, let only = views.first, case .object(let fields) = only {
            root += fields
        } else {
            root.append(("vconcat", .array(views)))
        }
        return .object(root)
    }

    func scaling(_ column: String, _ scale: Double) -> JSONText {
        .object([("calculate", .string("datum[\(ResultValue.jsonString(column))] * \(ResultValue.format(scale))")),
                 ("as", .string(field(column, scale: scale)))])
    }

    /// The rows, with only the plotted columns; series, facet and bar categories as text.
    func values() -> [JSONText] {
        var columns: [(String, Bool)] = [(spec.x, spec.kind.style == .bars)]
        for y in spec.y where !columns.contains(where: { $0.0 == y }) { columns.append((y, false)) }
        if let s = seriesColumn, !columns.contains(where: { $0.0 == s }) { columns.append((s, true)) }
        if let f = spec.facet, !columns.contains(where: { $0.0 == f }) { columns.append((f, true)) }
        let indices = columns.map { name, asText in (name, table.columns.firstIndex(of: name), asText) }
        return table.rows.map { row in
            .object(indices.compactMap { name, index, asText in
                guard let index else { return nil }
                let textual = asText || name == seriesColumn || name == spec.facet
                return (name, textual ? .string(row[index].description) : JSONText(row[index]))
            })
        }
    }

    func colorEncoding() -> JSONText? {
        guard let s = seriesColumn else { return nil }
        let colors = SchedulerPalette.colors(for: data.seriesNames)
        return .object([
            ("field", .string(s)), ("type", .string("nominal")), ("title", .string(ColumnLabels.label(s).title)),
            ("sort", .array(data.seriesNames.map { .string($0) })),
            ("scale", .object([("domain", .array(data.seriesNames.map { .string($0) })),
                               ("range", .array(data.seriesNames.map { .string(colors[$0] ?? "#4e79a7") }))])),
        ])
    }

    func yEncoding(_ y: String, aggregate: String?, title: Bool = true) -> JSONText {
        var fields: [(String, JSONText)] = [("field", .string(field(y, scale: data.yScales[y] ?? 1)))]
        if let aggregate { fields.append(("aggregate", .string(aggregate))) }
        fields.append(("type", .string("quantitative")))
        if title { fields.append(("title", .string(data.yTitles[y] ?? y))) }
        if spec.logY { fields.append(("scale", .object([("type", .string("log"))]))) }
        else if spec.kind.style != .bars { fields.append(("scale", .object([("zero", .bool(false))]))) }
        return .object(fields)
    }

    func xEncoding(aggregate: String? = nil) -> JSONText {
        if spec.kind.style == .bars {
            return .object([("field", .string(spec.x)), ("type", .string("nominal")), ("title", .string(data.xTitle)),
                            ("sort", .array(data.categories.map { .string($0) }))])
        }
        var fields: [(String, JSONText)] = [("field", .string(field(spec.x, scale: data.xScale)))]
        if let aggregate { fields.append(("aggregate", .string(aggregate))) }
        fields += [("type", .string("quantitative")), ("title", .string(data.xTitle)),
                   ("scale", .object([("zero", .bool(false))]))]
        return .object(fields)
    }

    func encoding(_ pairs: [(String, JSONText?)]) -> JSONText {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    /// One y column's view (faceted when a facet column is given).
    func view(y: String) -> JSONText {
        let color = colorEncoding()
        let shape: JSONText? = seriesColumn.map { .object([("field", .string($0)), ("type", .string("nominal")),
                                                          ("sort", .array(data.seriesNames.map { .string($0) }))]) }
        var inner: [(String, JSONText)]
        switch spec.kind.style {
        case .lines:
            inner = [("layer", .array([
                .object([("mark", .object([("type", .string("line")), ("point", .bool(true))])),
                         ("encoding", encoding([("x", xEncoding()), ("y", yEncoding(y, aggregate: "mean")), ("color", color)]))]),
                // The 95% interval of the mean over the rows at a point (Vega-Lite's `ci0`/`ci1`
                // aggregates, a bootstrap; the SVG draws Student's t, see PlotData.Point).
                .object([("mark", .object([("type", .string("rule")), ("opacity", .number(0.6))])),
                         ("encoding", encoding([("x", xEncoding()), ("y", yEncoding(y, aggregate: "ci0", title: false)),
                                                ("y2", .object([("field", .string(field(y, scale: data.yScales[y] ?? 1))), ("aggregate", .string("ci1"))])),
                                                ("color", color)]))]),
            ]))]
        case .scatter:
            inner = [("layer", .array([
                .object([("mark", .object([("type", .string("point")), ("filled", .bool(true)), ("opacity", .number(0.35))])),
                         ("encoding", encoding([("x", xEncoding()), ("y", yEncoding(y, aggregate: nil)), ("color", color)]))]),
                .object([("mark", .object([("type", .string("point")), ("filled", .bool(true)), ("size", .int(140)),
                                           ("stroke", .string("#222222"))])),
                         ("encoding", encoding([("x", xEncoding(aggregate: "mean")), ("y", yEncoding(y, aggregate: "mean")),
                                                ("color", color), ("shape", shape)]))]),
            ]))]
        case .bars:
            let offset: JSONText? = seriesColumn.map { .object([("field", .string($0)), ("type", .string("nominal")),
                                                               ("sort", .array(data.seriesNames.map { .string($0) }))]) }
            inner = [("mark", .string("bar")),
                     ("encoding", encoding([("x", xEncoding()), ("xOffset", offset), ("y", yEncoding(y, aggregate: "mean")),
                                            ("color", color)]))]
        }
        inner = [("width", .int(Int(saturating: spec.panelWidth - 100))), ("height", .int(Int(saturating: spec.panelHeight - 90)))] + inner
        guard let facet = spec.facet else { return .object(inner) }
        return .object([
            ("facet", .object([("field", .string(facet)), ("type", .string("nominal")),
                               ("sort", .array(PlotData.sortedFacets(facetValues(facet)).map { .string($0) }))])),
            ("columns", .int(spec.facetColumns ?? PlotLayout.columns(panels: facetValues(facet).count))),
            ("spec", .object(inner)),
        ])
    }

    func facetValues(_ column: String) -> [String] {
        guard let index = table.columns.firstIndex(of: column) else { return [] }
        var seen: [String] = []
        for row in table.rows where !seen.contains(row[index].description) { seen.append(row[index].description) }
        return seen
    }
}
