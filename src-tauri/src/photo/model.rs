//! The face detector: MediaPipe BlazeFace (short range, 128 × 128) run with `tract-onnx`, embedded
//! in the binary (see `models/blazeface/SOURCE.md`). Gives faces with a box and six key points in
//! the coordinates of the square it was shown.

use std::sync::{Arc, OnceLock};

use tract_onnx::pb::{
    attribute_proto::AttributeType, tensor_proto::DataType, AttributeProto, TensorProto,
};
use tract_onnx::prelude::*;

static MODEL_BYTES: &[u8] =
    include_bytes!("../../models/blazeface/face_detection_front_128x128_barracuda.onnx");

/// The model's input side.
pub const SIZE: usize = 128;

/// Why the detector could not run.
#[derive(Debug, Clone, thiserror::Error)]
#[error("face detector: {0}")]
pub struct ModelError(pub String);

/// One face in the unit square the model saw (0..1 both ways, y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RawFace {
    /// Confidence 0..1.
    pub score: f32,
    /// Box centre.
    pub center: (f32, f32),
    /// Box width and height.
    pub size: (f32, f32),
    /// Right eye, left eye, nose, mouth, right ear, left ear (the subject's right: image left).
    pub points: [(f32, f32); 6],
}

type Plan = Arc<TypedRunnableModel>;

/// The loaded model (built once per process, ~100 ms).
pub struct Detector {
    plan: Plan,
}

fn model() -> Result<&'static Detector, ModelError> {
    static DETECTOR: OnceLock<Result<Detector, ModelError>> = OnceLock::new();
    DETECTOR
        .get_or_init(|| Detector::load().map_err(|e| ModelError(format!("{e:#}"))))
        .as_ref()
        .map_err(Clone::clone)
}

/// The shared detector.
pub fn detector() -> Result<&'static Detector, ModelError> {
    model()
}

impl Detector {
    fn load() -> TractResult<Self> {
        let onnx = tract_onnx::onnx();
        let mut proto = onnx.proto_model_for_read(&mut &MODEL_BYTES[..])?;
        // tract defaults a missing `value` of ConstantOfShape to f64 and then cannot unify it with
        // the f32 graph; ONNX's default is a float32 zero, so say so explicitly.
        if let Some(graph) = proto.graph.as_mut() {
            for node in graph
                .node
                .iter_mut()
                .filter(|n| n.op_type == "ConstantOfShape")
            {
                if !node.attribute.iter().any(|a| a.name == "value") {
                    node.attribute.push(AttributeProto {
                        name: "value".into(),
                        r#type: AttributeType::Tensor as i32,
                        t: Some(TensorProto {
                            dims: vec![1],
                            data_type: DataType::Float as i32,
                            float_data: vec![0.0],
                            ..Default::default()
                        }),
                        ..Default::default()
                    });
                }
            }
        }
        let plan = onnx
            .model_for_proto_model(&proto)?
            .with_input_fact(0, f32::fact([1, SIZE, SIZE, 3]).into())?
            .into_optimized()?
            .into_runnable()?;
        Ok(Self { plan })
    }

    /// Runs on a 128 × 128 RGB image (row-major, 3 bytes per pixel); faces above `threshold`,
    /// overlaps removed.
    pub fn detect(&self, rgb: &[u8], threshold: f32) -> Result<Vec<RawFace>, ModelError> {
        if rgb.len() != SIZE * SIZE * 3 {
            return Err(ModelError(format!("input must be {SIZE}×{SIZE} RGB")));
        }
        let input = tract_ndarray::Array4::from_shape_fn((1, SIZE, SIZE, 3), |(_, y, x, c)| {
            f32::from(rgb[(y * SIZE + x) * 3 + c]) / 127.5 - 1.0
        });
        let outputs = self
            .plan
            .run(tvec!(Tensor::from(input).into()))
            .map_err(|e| ModelError(format!("{e:#}")))?;
        // Outputs by shape: scores [1, n, 1] and boxes [1, n, 16] for n = 512 (16×16×2) and 384 (8×8×6).
        let mut scores = [None, None];
        let mut boxes = [None, None];
        for o in &outputs {
            let view = o
                .to_plain_array_view::<f32>()
                .map_err(|e| ModelError(e.to_string()))?;
            let shape = view.shape().to_vec();
            let slot = match shape.get(1) {
                Some(512) => 0,
                Some(384) => 1,
                _ => continue,
            };
            let data: Vec<f32> = view.iter().copied().collect();
            match shape.get(2) {
                Some(1) => scores[slot] = Some(data),
                Some(16) => boxes[slot] = Some(data),
                _ => {}
            }
        }
        let mut faces = Vec::new();
        for (slot, (cells, anchors)) in [(16usize, 2usize), (8, 6)].into_iter().enumerate() {
            let (Some(s), Some(b)) = (&scores[slot], &boxes[slot]) else {
                return Err(ModelError("unexpected model outputs".into()));
            };
            decode(s, b, cells, anchors, threshold, &mut faces);
        }
        Ok(suppress(faces))
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

fn decode(
    scores: &[f32],
    boxes: &[f32],
    cells: usize,
    anchors: usize,
    threshold: f32,
    out: &mut Vec<RawFace>,
) {
    let scale = 1.0 / SIZE as f32;
    for cy in 0..cells {
        for cx in 0..cells {
            let anchor = (
                (cx as f32 + 0.5) / cells as f32,
                (cy as f32 + 0.5) / cells as f32,
            );
            for a in 0..anchors {
                let i = (cy * cells + cx) * anchors + a;
                let (Some(&raw), Some(b)) = (scores.get(i), boxes.get(i * 16..i * 16 + 16)) else {
                    continue;
                };
                let score = sigmoid(raw.clamp(-80.0, 80.0));
                if score <= threshold {
                    continue;
                }
                let mut points = [(0.0, 0.0); 6];
                for (k, p) in points.iter_mut().enumerate() {
                    *p = (
                        anchor.0 + b[4 + 2 * k] * scale,
                        anchor.1 + b[5 + 2 * k] * scale,
                    );
                }
                out.push(RawFace {
                    score,
                    center: (anchor.0 + b[0] * scale, anchor.1 + b[1] * scale),
                    size: (b[2] * scale, b[3] * scale),
                    points,
                });
            }
        }
    }
}

fn iou(a: &RawFace, b: &RawFace) -> f32 {
    let (ax0, ay0, ax1, ay1) = (
        a.center.0 - a.size.0 / 2.0,
        a.center.1 - a.size.1 / 2.0,
        a.center.0 + a.size.0 / 2.0,
        a.center.1 + a.size.1 / 2.0,
    );
    let (bx0, by0, bx1, by1) = (
        b.center.0 - b.size.0 / 2.0,
        b.center.1 - b.size.1 / 2.0,
        b.center.0 + b.size.0 / 2.0,
        b.center.1 + b.size.1 / 2.0,
    );
    let w = (ax1.min(bx1) - ax0.max(bx0)).max(0.0);
    let h = (ay1.min(by1) - ay0.max(by0)).max(0.0);
    let inter = w * h;
    let union = a.size.0 * a.size.1 + b.size.0 * b.size.1 - inter;
    if union <= 0.0 {
        0.0
    } else {
        inter / union
    }
}

/// Overlapping detections of one face become their score-weighted mean (as MediaPipe does).
fn suppress(mut faces: Vec<RawFace>) -> Vec<RawFace> {
    faces.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut out: Vec<RawFace> = Vec::new();
    let mut used = vec![false; faces.len()];
    for i in 0..faces.len() {
        if used[i] {
            continue;
        }
        let group: Vec<usize> = (i..faces.len())
            .filter(|&j| !used[j] && iou(&faces[i], &faces[j]) >= 0.3)
            .collect();
        let total: f32 = group.iter().map(|&j| faces[j].score).sum();
        let mut mean = faces[i];
        let w = |f: fn(&RawFace) -> f32| {
            group
                .iter()
                .map(|&j| f(&faces[j]) * faces[j].score)
                .sum::<f32>()
                / total
        };
        mean.center = (w(|f| f.center.0), w(|f| f.center.1));
        mean.size = (w(|f| f.size.0), w(|f| f.size.1));
        for k in 0..6 {
            let px: f32 = group
                .iter()
                .map(|&j| faces[j].points[k].0 * faces[j].score)
                .sum::<f32>()
                / total;
            let py: f32 = group
                .iter()
                .map(|&j| faces[j].points[k].1 * faces[j].score)
                .sum::<f32>()
                / total;
            mean.points[k] = (px, py);
        }
        for &j in &group {
            used[j] = true;
        }
        out.push(mean);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_face_in_a_portrait() {
        let img = image::open(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata/faces/obama.jpg"
        ))
        .unwrap()
        .to_rgb8();
        let side = img.width().min(img.height());
        let sq =
            image::imageops::crop_imm(&img, (img.width() - side) / 2, 0, side, side).to_image();
        let small = image::imageops::resize(&sq, 128, 128, image::imageops::FilterType::Triangle);
        let faces = detector().unwrap().detect(small.as_raw(), 0.5).unwrap();
        assert_eq!(faces.len(), 1);
        let f = faces[0];
        // Eyes level and above the mouth, the image-left eye on the left.
        assert!(f.points[0].0 < f.points[1].0 && f.points[3].1 > f.points[0].1);
        assert!(f.score > 0.9);
    }
}
