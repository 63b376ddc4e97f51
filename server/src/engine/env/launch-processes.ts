/**
 * How many processes a launch of a script starts (`python train.py`: one; `torchrun --nproc_per_node 4 train.py`: four),
 * when its words prove it. A rule that computes a global batch (TL309) uses it instead of assuming one process.
 * Undefined whenever the count depends on what the text does not show: the GPUs of the machine, accelerate's default
 * config in the user's home, a variable, several nodes.
 *
 * Read from the launchers' source:
 * - torchrun (torch `distributed/run.py`): `--nproc_per_node` / `--nproc-per-node` per node, `--nnodes` nodes (an
 *   integer; `1:4` elastic is not read); `gpu`, `auto` and no flag (1 by default, but `--standalone` scripts usually
 *   pass it) follow the machine or the default only, so only a number counts, and `--nnodes` must be absent or 1.
 * - accelerate (huggingface/accelerate `src/accelerate/commands/launch.py` at v1.14.0, `_validate_launch_command`):
 *   `--num_processes` is "the total number of processes"; a flag given wins over the config file's value
 *   (`getattr(args, name, None) is None`); the config file (`--config_file`, else the user's default one, not read
 *   here) says whether the launch is distributed (`distributed_type`); without a config file and without
 *   `--multi_gpu`, more than one process needs more than one GPU on the machine. So: `--num_processes 1` is one
 *   process; `--num_processes N` with `--multi_gpu`, `--use_deepspeed` or `--use_fsdp` is N; with `--config_file`, a
 *   local config whose `distributed_type` is MULTI_GPU, DEEPSPEED or FSDP runs the flag's N or the file's
 *   `num_processes`.
 * - deepspeed (`deepspeed/launcher/runner.py`): `--num_gpus N` on one node (no `--num_nodes` above 1, no hostfile,
 *   `--include`/`--exclude`).
 * - python: one process (a module run with `-m`, such as `torch.distributed.run`, is not read).
 */

/** The value of `--name N` / `--name=N` (also with `-` for `_`) among `words`, the last one given; null when a word hides it. */
function optionValue(words: readonly string[], names: readonly string[]): string | null | undefined {
  let value: string | null | undefined;
  words.forEach((w, i) => {
    if (/[$`]/.test(w)) { value = null; return; }
    const [name, inline] = w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
    if (!names.includes(name.replace(/-/g, '_').replace(/^__/, '--'))) return;
    value = inline ?? words[i + 1] ?? null;
  });
  return value;
}

const positive = (v: string | null | undefined): number | undefined => (v && /^[1-9]\d{0,4}$/.test(v) ? Number(v) : undefined);

/** The top-level `key: value` of a flat YAML file (accelerate's config files are flat but for nested sections). */
function yamlScalar(text: string, key: string): string | undefined {
  const m = new RegExp(`^${key}:[ \\t]*["']?([^"'#\\r\\n]*?)["']?[ \\t]*(?:#.*)?$`, 'm').exec(text);
  return m?.[1];
}

/**
 * The processes a launch starts. `readFile` reads a file the launch names (an accelerate config), relative to the
 * folder the command runs in; undefined when it cannot be read.
 */
export function launchProcesses(launcher: string, options: readonly string[], readFile: (path: string) => string | undefined): number | undefined {
  if (options.some((w) => /[$`]/.test(w))) return undefined;
  if (/^python/.test(launcher) || launcher === 'uv run python' || launcher === 'uv run python3') {
    return options.every((w) => /^-[uOBIsSE]+$|^-W\S*$|^-X\S*$/.test(w)) ? 1 : undefined;
  }
  if (launcher === 'torchrun') {
    const perNode = positive(optionValue(options, ['--nproc_per_node']));
    const nodes = optionValue(options, ['--nnodes']);
    return perNode !== undefined && (nodes === undefined || nodes === '1' || nodes === '1:1') ? perNode : undefined;
  }
  if (launcher === 'deepspeed') {
    if (options.some((w) => /^-(-hostfile|-include|-exclude|H|i|e)\b/.test(w))) return undefined;
    const nodes = optionValue(options, ['--num_nodes']);
    if (nodes !== undefined && nodes !== '1') return undefined;
    return positive(optionValue(options, ['--num_gpus']));
  }
  if (launcher === 'accelerate launch') {
    const given = optionValue(options, ['--num_processes']);
    const n = positive(given);
    if (given !== undefined && n === undefined) return undefined;
    if (n === 1) return 1;
    if (options.some((w) => /^--(multi_gpu|use_deepspeed|use_fsdp|multi-gpu|use-deepspeed|use-fsdp)$/.test(w))) return n;
    const file = optionValue(options, ['--config_file']);
    if (!file) return undefined;
    const text = readFile(file);
    if (!text) return undefined;
    const env = yamlScalar(text, 'compute_environment');
    if (env !== undefined && env !== 'LOCAL_MACHINE') return undefined;
    if (!['MULTI_GPU', 'DEEPSPEED', 'FSDP'].includes(yamlScalar(text, 'distributed_type') ?? '')) return undefined;
    return n ?? positive(yamlScalar(text, 'num_processes'));
  }
  return undefined;
}
