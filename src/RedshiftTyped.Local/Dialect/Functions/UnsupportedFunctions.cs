using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>
/// Redshift features the local server cannot honestly emulate: spatial functions (GEOMETRY/GEOGRAPHY,
/// https://docs.aws.amazon.com/redshift/latest/dg/geospatial-functions.html) and HyperLogLog sketches
/// (hyperloglog-functions), SIZE of a SUPER value (Redshift's internal encoding). A call fails with "ERROR: &lt;feature&gt; is not supported by the local server".
/// </summary>
internal static class UnsupportedFunctions
{
    private static readonly string[] Spatial =
    [
        "st_addpoint", "st_angle", "st_area", "st_asbinary", "st_asewkb", "st_asewkt", "st_asgeojson", "st_ashexewkb", "st_ashexwkb",
        "st_astext", "st_azimuth", "st_boundary", "st_buffer", "st_centroid", "st_collect", "st_contains", "st_containsproperly",
        "st_convexhull", "st_coveredby", "st_covers", "st_crosses", "st_dwithin", "st_dimension", "st_disjoint", "st_distance",
        "st_distancesphere", "st_endpoint", "st_envelope", "st_equals", "st_exteriorring", "st_force2d", "st_force3d", "st_force3dm",
        "st_force3dz", "st_force4d", "st_geohash", "st_geogfromtext", "st_geogfromwkb", "st_geomfromewkb", "st_geomfromewkt",
        "st_geomfromgeohash", "st_geomfromgeojson", "st_geomfromtext", "st_geomfromwkb", "st_geometryn", "st_geometrytype",
        "st_interiorringn", "st_intersection", "st_intersects", "st_isclosed", "st_iscollection", "st_isempty", "st_ispolygonccw",
        "st_ispolygoncw", "st_isring", "st_issimple", "st_isvalid", "st_length", "st_length2d", "st_lengthsphere",
        "st_linefrommultipoint", "st_lineinterpolatepoint", "st_m", "st_mmax", "st_mmin", "st_makeenvelope", "st_makeline",
        "st_makepoint", "st_makepolygon", "st_memsize", "st_multi", "st_ndims", "st_npoints", "st_nrings", "st_numgeometries",
        "st_numinteriorrings", "st_numpoints", "st_perimeter", "st_perimeter2d", "st_point", "st_pointn", "st_points", "st_polygon",
        "st_removepoint", "st_reverse", "st_srid", "st_setpoint", "st_setsrid", "st_simplify", "st_startpoint", "st_touches",
        "st_transform", "st_union", "st_within", "st_x", "st_xmax", "st_xmin", "st_y", "st_ymax", "st_ymin", "st_z", "st_zmax",
        "st_zmin", "addbbox", "dropbbox", "geometrytype", "supportsbbox",
    ];

    private static readonly string[] HyperLogLog = ["hll", "hll_create_sketch", "hll_cardinality", "hll_combine", "hll_combine_sketches"];

    public static IEnumerable<FunctionRow> Rows =>
    [
        .. Spatial.Select(name => new FunctionRow(name) { Both = Unsupported($"The spatial function {name.ToUpperInvariant()}"), Page = "geospatial-functions" }),
        // r_SIZE.md: the size of Redshift's internal binary SUPER encoding, which the guide does not specify (the local
        // server keeps SUPER as JSON text, so any number it gave would be made up).
        new FunctionRow("size") { Args = 1, Both = Unsupported("SIZE (the in-memory size of Redshift's binary SUPER encoding)"), Page = "r_SIZE" },
        .. HyperLogLog.Select(name => new FunctionRow(name) { Kind = FunctionKind.Aggregate, Both = Unsupported($"The HyperLogLog function {name.ToUpperInvariant()}"), Page = "hyperloglog-functions" }),
    ];
}
