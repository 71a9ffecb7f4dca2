using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeviceBench.Host.Bench;

public sealed partial class RunFolder
{
    /// <summary>
    /// Reads a saved run. Every way a folder can fail to be one (no run.json, unreadable, not JSON, not a run record, a
    /// schemaVersion this build does not know) is an <see cref="InvalidDataException"/> whose message names the folder
    /// and says why in a user's terms; the .NET types behind the record never show.
    /// </summary>
    /// <exception cref="InvalidDataException">The folder does not hold a run this build can read.</exception>
    public static RunRecord Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string path = Path.Combine(directory, "run.json");
        if (!System.IO.Directory.Exists(directory))
            throw new InvalidDataException(File.Exists(directory) ? $"{directory} is a file, not a run folder" : $"{directory} does not exist");
        if (!File.Exists(path)) throw new InvalidDataException($"{directory} has no run.json (not a run folder? bench writes them under results/)");
        string json;
        try { json = File.ReadAllText(path); }
        catch (UnauthorizedAccessException e) { throw new InvalidDataException($"cannot read {path}: permission denied", e); }
        catch (IOException e) { throw new InvalidDataException($"cannot read {path}: {e.Message}", e); }
        return Parse(json, $"run.json in {directory}");
    }

    private static RunRecord Parse(string json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (CheckShape(document.RootElement, what) == 1) json = FromVersion1(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", e);
        }
        try { return RunJsonContext.Deserialize(json); }
        catch (JsonException e) when (e.Data[RunJsonContext.MissingFigure] is string figure)
        {
            throw new InvalidDataException($"{what} is not a complete run record: {e.Path}.{figure} is missing or null", e);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what} is not a run record: {e.Path} (line {e.LineNumber + 1}) holds a value of the wrong kind", e);
        }
    }

    /// <summary>The checks that make a wrong file's message clear: an object, a schemaVersion this build reads, the required fields.</summary>
    /// <returns>The schemaVersion.</returns>
    private static int CheckShape(JsonElement root, string what)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{what} is not a run record (no JSON object)");
        if (!root.TryGetProperty("schemaVersion", out var element) || !element.TryGetInt32(out int version))
            throw new InvalidDataException($"{what} has no schemaVersion: not a run record that devicebench bench wrote");
        // Every schema change bumps the version (run.schema.json); a reader guessing at fields it does not know would misreport.
        if (version is < 1 or > RunRecord.CurrentSchemaVersion)
        {
            string known = RunRecord.CurrentSchemaVersion == 1 ? "1" : $"1–{RunRecord.CurrentSchemaVersion}";
            throw new InvalidDataException($"{what} has schemaVersion {version}; this devicebench reads {known}"
                + (version > RunRecord.CurrentSchemaVersion ? " (a newer devicebench wrote it)" : ""));
        }
        var missing = RunJsonContext.Default.RunRecord.Properties.Where(p => p.IsRequired && !root.TryGetProperty(p.Name, out _)).Select(p => p.Name).ToList();
        if (missing.Count > 0) throw new InvalidDataException($"{what} is not a complete run record: it has no {string.Join(", ", missing)}");
        return version;
    }

    /// <summary>
    /// Version 1 wrote the settings' durations as TimeSpan text (<c>"settle": "00:00:02"</c>); version 2 as seconds with
    /// the unit in the name (<c>"settleSeconds": 2</c>). Nothing else changed, so a version-1 file reads as the same run.
    /// </summary>
    private static string FromVersion1(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        if (root["settings"] is JsonObject settings)
        {
            foreach (string name in (string[])["settle", "warmup", "maxDuration", "rateDuration", "cooldown", "readyTimeout", "reportInterval"])
            {
                if (settings[name] is not JsonValue value || !value.TryGetValue(out string? text)) continue;
                // Left as it was when it is not TimeSpan text: the strict reader then names the field, as for any broken record.
                if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var duration)) continue;
                settings.Remove(name);
                settings[name + "Seconds"] = duration.TotalSeconds;
            }
        }
        root["schemaVersion"] = RunRecord.CurrentSchemaVersion;
        return root.ToJsonString();
    }
}
