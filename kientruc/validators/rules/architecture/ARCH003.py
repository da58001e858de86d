"""Rule ARCH003 (reference-model-category-missing): an element has no category of its reference model."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import is_retiring, provincial, value, wholes
from ....i18n import Term, kind, msg


RM_FIELDS = {
    "application": ("arm_category", "ARM (application reference model)"),
    "database": ("drm_category", "DRM (data reference model) or data_layer"),
    "public_service": ("brm_category", "BRM (business reference model)"),
    "business_process": ("brm_category", "BRM (business reference model)"),
    "business_function": ("brm_category", "BRM (business reference model)"),
    "node": ("trm_category", "TRM (technology reference model)"),
    "security_control": ("srm_category", "SRM (security reference model)"),
}


@rule(
    code="ARCH003",
    name="reference-model-category-missing",
    title="An element has no category of its reference model",
    title_vi="Phần tử chưa được phân loại theo mô hình tham chiếu",
    family="architecture",
    scope="element", radius=1,
    generation=2,
    legal_basis=(
        "Quyết định 2323/QĐ-BTTTT (5 mô hình tham chiếu cơ bản)",
        "Quyết định 2568/QĐ-BTTTT; Quyết định 292/QĐ-BKHCN",
        "Quyết định 2439/QĐ-TTg ngày 04/11/2025 (các lớp dữ liệu)",
    ),
    confidence="medium",
)
def reference_model_category_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Under framework 2.0 and later, each provincial element is classified in its
        reference model: applications ``arm_category``; databases ``drm_category`` or
        ``data_layer`` (the layers of QĐ 2439/QĐ-TTg: goc, dac_ta, chu, danh_muc,
        giao_dich, tong_hop, phan_tich, mo); public services, business processes and
        functions ``brm_category``; nodes ``trm_category``; security controls
        ``srm_category``. The codes are free text: the code tables of the annexes were not
        retrieved.
        A part of a composite application (``composed_of``) is of its composite's
        category when it has none of its own.

    Kiểm tra:
        Theo Khung 2.0 trở về sau, mỗi phần tử của tỉnh được phân loại theo mô hình tham
        chiếu: ứng dụng ``arm_category``; cơ sở dữ liệu ``drm_category`` hoặc ``data_layer``
        (các lớp dữ liệu của Quyết định 2439/QĐ-TTg: goc, dac_ta, chu, danh_muc, giao_dich,
        tong_hop, phan_tich, mo); dịch vụ công, quy trình và chức năng nghiệp vụ
        ``brm_category``; nút hạ tầng ``trm_category``; biện pháp an toàn ``srm_category``. Mã
        phân loại là văn bản tự do: bảng mã trong phụ lục chưa thu thập được.
        Thành phần của ứng dụng tổng hợp (``composed_of``) không có danh mục riêng thì
        thuộc danh mục của ứng dụng tổng hợp.

    Why:
        QĐ 2323/QĐ-BTTTT introduced the five basic reference models (BRM, DRM, ARM, TRM,
        SRM), kept and updated by 2568 and 292; classifying elements is what lets the
        province compare its systems with the national catalogue and find duplicates.

    Lý do:
        Quyết định 2323/QĐ-BTTTT đưa vào 5 mô hình tham chiếu cơ bản (nghiệp vụ, dữ liệu, ứng
        dụng, công nghệ, an toàn thông tin), được 2568 và 292 giữ và cập nhật; phân loại phần
        tử giúp tỉnh đối chiếu hệ thống của mình với danh mục quốc gia và phát hiện trùng
        lặp.

    Fails:
        ```yaml
        # architecture.yaml: {profile: vn-egov-2.0}
        # as-of: 2021-06-01
        - id: phan-mem-ke-toan
          kind: application
          name: Phần mềm kế toán hành chính sự nghiệp tỉnh Sơn La
        ```

    Passes:
        ```yaml
        # architecture.yaml: {profile: vn-egov-2.0}
        # as-of: 2021-06-01
        - id: phan-mem-ke-toan
          kind: application
          name: Phần mềm kế toán hành chính sự nghiệp tỉnh Sơn La
          arm_category: Ứng dụng quản lý tài chính, kế toán
        ```
    """
    for el in ctx.graph.elements():
        spec = RM_FIELDS.get(el.kind)
        if spec is None or not provincial(el) or is_retiring(el):
            continue
        field, what = spec
        if getattr(el, field, None) or any(getattr(w, field, None) for w in wholes(ctx.graph, el.id)):
            continue  # a part of a composite application is of the composite's category
        if el.kind == "database" and value(el, "data_layer"):
            continue
        yield Violation(
            msg("{kind} '{id}' has no {model} category", kind=kind(el.kind), id=el.id, model=Term("reference_model", field)),
            element=el.id,
            hint=msg("add {field} or data_layer", field=field) if el.kind == "database" else msg("add {field}", field=field),
            key=field,
        )
