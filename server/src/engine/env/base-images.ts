/**
 * Base images whose tag names the release of a library they hold (`FROM huggingface/transformers-pytorch-gpu:4.41.2`):
 * only those, because only there is the version written in a public place the project's own text cites. An image
 * that does not name it (`nvcr.io/nvidia/pytorch:24.05-py3`: PyTorch only, whose version no rule gates on;
 * `unsloth/unsloth:latest`), and a `latest` or a moving tag, pins nothing.
 *
 * - Hugging Face's transformers images on Docker Hub (`huggingface/transformers-pytorch-gpu`, `-pytorch-cpu`, `-gpu`,
 *   `-cpu`, …): tagged by release (hub.docker.com/r/huggingface/transformers-pytorch-gpu/tags), built from
 *   huggingface/transformers `docker/transformers-pytorch-gpu/Dockerfile`, which installs the repository at `REF`.
 * - The Hugging Face Deep Learning Containers on AWS (`…/huggingface-pytorch-training:2.1.0-transformers4.36.0-gpu-…`,
 *   `-inference`, `-neuronx`): "{framework-version}-transformers{transformers-version}-{device}-…"
 *   (huggingface.co/docs/sagemaker/reference, "Manually construction the image_uri"; aws/deep-learning-containers
 *   releases list each image's packages). A tag with the minor only (`2.9-transformers5.3-gpu-…`) is that series.
 */
/** The libraries an image reference's tag says it holds: name → version or specifier. */
export function imagePins(image: string): Map<string, { version?: string; specifier?: string }> {
  const out = new Map<string, { version?: string; specifier?: string }>();
  const m = /^(?:(.*)\/)?([^/:@]+):([^/@]+)$/.exec(image.trim());
  if (!m) return out;
  const [, path = '', name, tag] = m;
  const repo = `${path}/${name}`.toLowerCase();
  if (/(?:^|\/)huggingface\/transformers-[a-z0-9-]+$/.test(repo) && /^v?\d+\.\d+\.\d+$/.test(tag)) {
    out.set('transformers', { version: tag.replace(/^v/, '') });
  } else if (/^huggingface-(?:pytorch|tensorflow)-(?:training|inference)(?:-[a-z0-9]+)*$/.test(name.toLowerCase())) {
    const t = /(?:^|-)transformers(\d+\.\d+)(\.\d+)?(?=-|$)/.exec(tag);
    if (t) out.set('transformers', t[2] ? { version: t[1] + t[2] } : { specifier: `==${t[1]}.*` });
  }
  return out;
}
