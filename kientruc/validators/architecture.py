"""Architecture rules: what the framework profile asks the architecture as a whole to contain
(components or layers, document contents, reference-model categories, a roadmap), and
whether the framework it is aligned to is still the one in force.
"""

from __future__ import annotations

from typing import Callable, Iterator

from ..frameworks import matches_any, profiles, supersession_chain
from ..models import Element
from ._common import V2_PLUS, LINK_TYPES, about_province, date_vi, is_retiring, neighbours_by, province_anchor, provincial, value
from .registry import Related, RuleContext, Violation, rule


def _all(ctx: RuleContext) -> list[Element]:
    return ctx.architecture.elements


def _has_legal_basis(ctx: RuleContext) -> bool:
    return ctx.architecture.manifest.architecture.approved_by is not None or any(
        e.kind == "legal_document" for e in _all(ctx)
    )


def _has_target(ctx: RuleContext) -> bool:
    approved = ctx.architecture.manifest.architecture.approved_on
    for e in _all(ctx):
        if e.kind == "plateau" or (provincial(e) and str(e.status) == "planned"):
            return True
        if approved is not None and provincial(e) and e.valid_from is not None and e.valid_from > approved:
            if e.layer not in ("motivation", "roadmap"):
                return True
    return False


def _has_connection_model(ctx: RuleContext) -> bool:
    graph = ctx.graph
    for e in graph.elements():
        if e.external and e.kind in ("application", "integration_platform", "database", "shared_service"):
            if any(provincial(graph.element(o)) for o, _ in neighbours_by(graph, e.id, LINK_TYPES)):
                return True
    return False


def _has_implementation(ctx: RuleContext) -> bool:
    items = [e for e in _all(ctx) if e.kind in ("project", "work_package")]
    ids = {e.id for e in items}
    if any(e.owner for e in items):
        return True
    return any(
        r.type in ("assigned_to", "owns", "governs") and r.target in ids for r in ctx.architecture.relations
    )


SECTION_TESTS: dict[str, Callable[[RuleContext], bool]] = {
    "can-cu": _has_legal_basis,
    "tam-nhin": lambda ctx: any(e.kind in ("goal", "driver") for e in _all(ctx)),
    "nguyen-tac": lambda ctx: any(e.kind == "principle" for e in _all(ctx)),
    "hien-trang": lambda ctx: any(
        provincial(e) and str(e.status) != "planned" and e.layer not in ("motivation", "roadmap") for e in _all(ctx)
    ),
    "kien-truc-muc-tieu": _has_target,
    "mo-hinh-ket-noi": _has_connection_model,
    "lo-trinh": lambda ctx: any(e.kind in ("project", "work_package", "plateau") for e in _all(ctx)),
    "to-chuc-trien-khai": _has_implementation,
}

SECTION_HINTS = {
    "can-cu": "name the approving decision (architecture.approved_by) and the legal documents it rests on",
    "tam-nhin": "add the vision and objectives as goal elements",
    "nguyen-tac": "add the architecture principles as principle elements",
    "hien-trang": "describe the systems in service (status: current)",
    "kien-truc-muc-tieu": "add the target architecture: planned elements (status: planned) or plateaus",
    "mo-hinh-ket-noi": "add the national platforms (external: true) and relate the provincial systems to them",
    "lo-trinh": "add the roadmap: projects or work packages with start and end, or plateaus",
    "to-chuc-trien-khai": "give each project an owner, or assign agencies to it (assigned_to)",
}


def _missing_sections(ctx: RuleContext, essential: bool) -> Iterator[Violation]:
    if ctx.profile is None:
        return
    for section in ctx.profile.document_sections:
        if section.essential != essential:
            continue
        test = SECTION_TESTS.get(section.id)
        if test is None or test(ctx):
            continue
        yield about_province(
            ctx,
            f"the architecture has no '{section.title}' ({section.title_en}), a content the framework "
            f"{ctx.profile.id} asks of a provincial architecture",
            key=section.id,
            hint=SECTION_HINTS.get(section.id),
        )


@rule(
    code="ARCH001",
    name="roadmap-or-target-missing",
    title="The architecture has no target architecture or no roadmap",
    title_vi="Kiến trúc thiếu kiến trúc mục tiêu hoặc lộ trình triển khai",
    family="architecture",
    legal_basis=(
        "Công văn 2384/BTTTT-THH ngày 28/7/2015 (đề cương Kiến trúc CQĐT cấp tỉnh)",
        "Quyết định 2323/QĐ-BTTTT (7 nội dung cơ bản)",
        "Công văn 2943/CĐSQG-CNCPS ngày 27/10/2025 (đề cương khung kiến trúc số cấp tỉnh)",
    ),
    confidence="medium",
)
def roadmap_or_target_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        The model contains the two contents without which it is an inventory, not an
        architecture: a target architecture (planned elements, plateaus, or elements
        that came into service after the architecture was approved) and a roadmap
        (projects, work packages or plateaus). The whole model is read, whatever the
        day checked. The profile's ``document_sections`` marked ``essential`` are checked.

    Kiểm tra:
        Mô hình có hai nội dung mà thiếu chúng thì chỉ là bản kê hiện trạng, không phải kiến
        trúc: kiến trúc mục tiêu (phần tử ``planned``, giai đoạn ``plateau``, hoặc phần tử
        đưa vào vận hành sau ngày kiến trúc được phê duyệt) và lộ trình (dự án, hạng mục
        hoặc giai đoạn). Đọc toàn bộ mô hình, không phụ thuộc ngày kiểm tra. Các nội dung
        ``essential`` trong ``document_sections`` của hồ sơ khung được kiểm tra.

    Why:
        Every outline of a provincial architecture — Công văn 2384/BTTTT-THH (2015), the
        seven contents of QĐ 2323/QĐ-BTTTT (2019), Công văn 2943/CĐSQG-CNCPS (2025) — asks
        for a target architecture and a roadmap (lộ trình) by period. The list of the
        other contents is partly inferred from provincial documents (see ARCH006).

    Lý do:
        Mọi đề cương kiến trúc cấp tỉnh — Công văn 2384/BTTTT-THH (2015), 7 nội dung cơ bản
        của Quyết định 2323/QĐ-BTTTT (2019), Công văn 2943/CĐSQG-CNCPS (2025) — đều yêu cầu
        kiến trúc mục tiêu và lộ trình triển khai theo giai đoạn. Danh mục các nội dung khác
        được suy ra một phần từ tài liệu của các tỉnh (xem ARCH006).

    Fails:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lạng Sơn
          system_type: tthc
        ```

    Passes:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lạng Sơn
          system_type: tthc
        - id: kho-du-lieu-dung-chung
          kind: application
          name: Kho dữ liệu dùng chung tỉnh Lạng Sơn
          status: planned
        - id: du-an-kho-du-lieu
          kind: project
          name: Xây dựng kho dữ liệu dùng chung tỉnh
          start: 2026-01-01
          end: 2027-12-31
          implements: [kho-du-lieu-dung-chung]
        ```
    """
    yield from _missing_sections(ctx, essential=True)


@rule(
    code="ARCH006",
    name="document-content-missing",
    title="The architecture lacks a content the framework's outline asks for",
    title_vi="Kiến trúc thiếu nội dung theo đề cương của khung kiến trúc",
    family="architecture",
    legal_basis=(
        "Công văn 2384/BTTTT-THH ngày 28/7/2015",
        "Quyết định 2323/QĐ-BTTTT",
        "Công văn 2943/CĐSQG-CNCPS ngày 27/10/2025",
    ),
    confidence="medium",
)
def document_content_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        The model contains the other contents of a provincial architecture listed in the
        profile's ``document_sections``: legal basis (``architecture.approved_by`` or
        ``legal_document`` elements), vision and objectives (``goal``/``driver``),
        principles (``principle``), current state (``current`` systems), the connection
        model with national systems (external platforms related to provincial systems)
        and the implementation responsibilities (projects with an owner or assigned
        agencies).

    Kiểm tra:
        Mô hình có các nội dung khác của kiến trúc cấp tỉnh liệt kê trong
        ``document_sections`` của hồ sơ khung: căn cứ pháp lý (``architecture.approved_by``
        hoặc phần tử ``legal_document``), tầm nhìn và mục tiêu (``goal``/``driver``), nguyên
        tắc (``principle``), hiện trạng (hệ thống ``current``), mô hình kết nối với hệ thống
        quốc gia (nền tảng bên ngoài có quan hệ với hệ thống của tỉnh) và tổ chức triển khai
        (dự án có chủ quản hoặc cơ quan được giao).

    Why:
        The list unites the v1.0 outline (Công văn 2384/BTTTT-THH), the tables of contents
        of provincial v2.0 architectures (Sơn La, Lạng Sơn) and the 2025 outline (Công văn
        2943/CĐSQG-CNCPS). It is partly inferred, so a missing content is a warning.

    Lý do:
        Danh mục tổng hợp đề cương 1.0 (Công văn 2384/BTTTT-THH), mục lục các kiến trúc 2.0
        của tỉnh (Sơn La, Lạng Sơn) và đề cương năm 2025 (Công văn 2943/CĐSQG-CNCPS). Danh
        mục được suy ra một phần, nên thiếu nội dung chỉ ở mức cảnh báo.

    Fails:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lạng Sơn
          system_type: tthc
        ```

    Passes:
        ```yaml
        # architecture.yaml: {architecture: {name: Kiến trúc số tỉnh Lạng Sơn, version: "1.0", approved_by: qd-phe-duyet}}
        - id: qd-phe-duyet
          kind: legal_document
          name: Quyết định phê duyệt Kiến trúc số tỉnh Lạng Sơn
          number: 1234/QĐ-UBND
          doc_type: quyet_dinh
          date: 2025-12-20
          issuer: UBND tỉnh Lạng Sơn
        - id: ubnd-tinh
          kind: organization
          name: Ủy ban nhân dân tỉnh Lạng Sơn
          org_type: government
          admin_level: tinh
          owns: [he-thong-tthc, du-an-tthc]
        - id: muc-tieu
          kind: goal
          name: 100% thủ tục đủ điều kiện cung cấp trực tuyến toàn trình
        - id: nguyen-tac-dung-chung
          kind: principle
          name: Chia sẻ, dùng chung dữ liệu
          influences: [muc-tieu]
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lạng Sơn
          system_type: tthc
          flows_to: [cong-dvcqg]
        - id: cong-dvcqg
          kind: application
          name: Cổng Dịch vụ công quốc gia
          system_type: national_public_service_portal
          external: true
        - id: du-an-tthc
          kind: project
          name: Nâng cấp hệ thống giải quyết TTHC
          start: 2026-01-01
          end: 2026-12-31
          implements: [he-thong-tthc]
        ```
    """
    yield from _missing_sections(ctx, essential=False)


@rule(
    code="ARCH002",
    name="framework-component-missing",
    title="A component or layer of the framework is missing from the architecture",
    title_vi="Kiến trúc thiếu một thành phần (lớp) của khung kiến trúc",
    family="architecture",
    legal_basis=(
        "Văn bản 1178/BTTTT-THH (sơ đồ tổng thể Khung 1.0)",
        "Quyết định 2323/QĐ-BTTTT (các thành phần Khung 2.0; Bình Dương 2020)",
        "Quyết định 3090/QĐ-BKHCN ngày 08/10/2025 (bốn lớp chức năng)",
    ),
    confidence="medium",
)
def framework_component_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        On the day checked, the graph has at least one element in each component (or
        layer) of the profile's ``components``. Framework 1.0: users, channels,
        applications and databases, integration (LGSP), technical infrastructure,
        security, management and policy, national and external systems. Frameworks 2.0 to
        4.0: the seven components of a v2.0 provincial architecture (users; channels;
        data and applications; engineering and technology; security; direction and
        policy; external systems). National digital architecture (3090): its four layers.

    Kiểm tra:
        Vào ngày kiểm tra, đồ thị có ít nhất một phần tử trong mỗi thành phần (lớp) thuộc
        ``components`` của hồ sơ khung. Khung 1.0: người sử dụng, kênh giao tiếp, ứng dụng
        và cơ sở dữ liệu, tích hợp (LGSP), hạ tầng kỹ thuật, an toàn thông tin, quản lý –
        chỉ đạo – chính sách, hệ thống quốc gia và bên ngoài. Khung 2.0 tới 4.0: bảy thành
        phần của kiến trúc cấp tỉnh phiên bản 2.0 (người sử dụng; kênh giao tiếp; dữ liệu và
        ứng dụng; kỹ thuật – công nghệ; an toàn thông tin; chỉ đạo, chính sách; các hệ thống
        ngoài). Khung kiến trúc tổng thể quốc gia số (3090): bốn lớp chức năng.

    Why:
        The overview diagram of each framework names the components a provincial
        architecture is built from; a missing one is a whole part of the architecture
        left undescribed. The four 3090 layers are verified (high confidence); the v1.0
        layers and the v2.0 components are reconstructed from provincial documents (Bình
        Dương's v2.0 is verified), and the 3.0/4.0 components were not retrieved, so
        kientruc keeps the v2.0 ones for them.

    Lý do:
        Sơ đồ tổng thể của mỗi phiên bản khung nêu các thành phần tạo nên kiến trúc cấp
        tỉnh; thiếu một thành phần là bỏ trống cả một phần của kiến trúc. Bốn lớp của 3090
        đã được xác minh (độ tin cậy cao); các lớp của Khung 1.0 và thành phần của Khung 2.0
        được dựng lại từ tài liệu của các tỉnh (kiến trúc 2.0 của Bình Dương đã xác minh),
        còn thành phần của Khung 3.0/4.0 chưa thu thập được, nên kientruc dùng lại bảy thành
        phần của 2.0.

    Fails:
        ```yaml
        # architecture.yaml: {profile: vn-digital-nation-2025}
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Gia Lai
          system_type: tthc
        ```

    Passes:
        ```yaml
        # architecture.yaml: {profile: vn-digital-nation-2025}
        - id: ttdl-gia-lai
          kind: node
          name: Trung tâm dữ liệu tỉnh Gia Lai
          node_type: data_centre
        - id: lgsp-gia-lai
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Gia Lai
          platform_type: lgsp
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Gia Lai
          system_type: tthc
        - id: ung-dung-cong-dan
          kind: channel
          name: Ứng dụng Gia Lai Số
          channel_type: mobile_app
        ```
    """
    profile = ctx.profile
    if profile is None:
        return
    elements = list(ctx.graph.elements())
    for comp in profile.components:
        if any(matches_any(comp.match, e) for e in elements):
            continue
        unsure = "" if comp.confidence == "high" else f" (the component list of {profile.id} is {comp.confidence}-confidence)"
        yield about_province(
            ctx,
            f"no element of the component '{comp.title}' ({comp.title_en}) of {profile.id} on this day{unsure}",
            key=comp.id,
            hint="add it: " + " or ".join(s.describe() for s in comp.match),
        )


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
    profiles=V2_PLUS,
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

    Kiểm tra:
        Theo Khung 2.0 trở về sau, mỗi phần tử của tỉnh được phân loại theo mô hình tham
        chiếu: ứng dụng ``arm_category``; cơ sở dữ liệu ``drm_category`` hoặc ``data_layer``
        (các lớp dữ liệu của Quyết định 2439/QĐ-TTg: goc, dac_ta, chu, danh_muc, giao_dich,
        tong_hop, phan_tich, mo); dịch vụ công, quy trình và chức năng nghiệp vụ
        ``brm_category``; nút hạ tầng ``trm_category``; biện pháp an toàn ``srm_category``. Mã
        phân loại là văn bản tự do: bảng mã trong phụ lục chưa thu thập được.

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
        if getattr(el, field, None):
            continue
        if el.kind == "database" and value(el, "data_layer"):
            continue
        yield Violation(
            f"{el.kind} '{el.id}' has no {what} category",
            element=el.id,
            hint=f"add {field}" + (" or data_layer" if el.kind == "database" else ""),
            key=field,
        )


@rule(
    code="ARCH004",
    name="framework-superseded",
    title="The architecture is aligned to a framework that has been superseded",
    title_vi="Kiến trúc được xây dựng theo phiên bản khung kiến trúc đã được thay thế",
    family="architecture",
    legal_basis=(
        "Quyết định 292/QĐ-BKHCN, Điều 2 (thay thế 2568/QĐ-BTTTT và 1729/QĐ-BTTTT)",
        "Quyết định 3090/QĐ-BKHCN, Điều 1 (thay thế Công văn 1736/BKHCN-CĐSQG)",
    ),
    confidence="high",
)
def framework_superseded(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        The profile the architecture is checked against (the manifest's ``profile``, or
        ``--profile``) is the newest framework in force on the day checked. If later
        frameworks have been issued, a notice names them in order, with their
        instruments: 1178/BTTTT-THH (1.0) → 2323/QĐ-BTTTT (2.0) → 2568/QĐ-BTTTT amended by
        1729/QĐ-BTTTT (3.0) → 292/QĐ-BKHCN (4.0) → 3090/QĐ-BKHCN with the provincial
        outline 2943/CĐSQG-CNCPS. A profile not yet issued on the day checked is reported
        too.

    Kiểm tra:
        Hồ sơ khung dùng để kiểm tra (``profile`` trong tệp khai báo, hoặc ``--profile``) là
        phiên bản khung mới nhất có hiệu lực vào ngày kiểm tra. Nếu đã có phiên bản sau,
        thông báo nêu lần lượt các phiên bản đó cùng văn bản ban hành: 1178/BTTTT-THH (1.0)
        → 2323/QĐ-BTTTT (2.0) → 2568/QĐ-BTTTT sửa đổi bởi 1729/QĐ-BTTTT (3.0) →
        292/QĐ-BKHCN (4.0) → 3090/QĐ-BKHCN cùng đề cương cấp tỉnh 2943/CĐSQG-CNCPS. Hồ sơ
        khung chưa ban hành vào ngày kiểm tra cũng được báo.

    Why:
        Each framework version replaced the one before (QĐ 292/QĐ-BKHCN Điều 2 replaces
        2568 and 1729); provinces updated their architectures after each version. An
        architecture aligned to an old version is not wrong on the day it was approved,
        but an official reading it today needs to know what has replaced its basis. This
        is a notice (info), not a failure: the architecture is still checked against its
        own version and the laws in force.

    Lý do:
        Mỗi phiên bản khung thay thế phiên bản trước (Điều 2 Quyết định 292/QĐ-BKHCN thay
        thế 2568 và 1729); các tỉnh cập nhật kiến trúc sau mỗi phiên bản. Kiến trúc theo
        phiên bản cũ không sai vào ngày được phê duyệt, nhưng người đọc hôm nay cần biết căn
        cứ của nó đã được thay bằng gì. Đây là thông báo (info), không phải lỗi: kiến trúc
        vẫn được kiểm tra theo phiên bản của nó và các quy định có hiệu lực.

    Fails:
        ```yaml
        # architecture.yaml: {profile: vn-egov-1.0}
        - id: ubnd-tinh-quang-tri
          kind: organization
          name: Ủy ban nhân dân tỉnh Quảng Trị
          org_type: government
          admin_level: tinh
        ```

    Passes:
        ```yaml
        # architecture.yaml: {profile: vn-egov-1.0}
        # as-of: 2018-10-09
        - id: ubnd-tinh-quang-tri
          kind: organization
          name: Ủy ban nhân dân tỉnh Quảng Trị
          org_type: government
          admin_level: tinh
        ```
    """
    profile = ctx.profile
    if profile is None:
        return
    day = ctx.day
    anchor = province_anchor(ctx)
    where = {"in_manifest": True, "path": ("profile",), "element": anchor.id if anchor else None}
    if day < profile.in_force_from:
        known = [p for p in profiles().values() if p.in_force(day)]
        then = f"; on that day the framework in force was {known[-1].label}" if known else ""
        yield Violation(
            f"the profile {profile.label} was issued on {date_vi(profile.issued)}, after the day checked "
            f"({date_vi(day)}){then}",
            hint="check against the framework in force on that day (--profile), or check a later day",
            key="not-yet",
            **where,
        )
        return
    chain = supersession_chain(profile, day)
    if not chain:
        return
    steps = " → ".join(f"{p.short or p.id} ({date_vi(p.issued)})" for p in chain)
    newest = chain[-1]
    yield Violation(
        f"this architecture is aligned to {profile.label}, which has since been followed by: {steps}; "
        f"on {date_vi(day)} the framework in force for a provincial architecture is {newest.title}",
        hint=f"plan the update of the architecture to {newest.id} (check it with --profile {newest.id})",
        key="superseded",
        **where,
    )


@rule(
    code="ARCH005",
    name="roadmap-item-incomplete",
    title="A roadmap item lacks its period, its owner or what it changes",
    title_vi="Hạng mục lộ trình thiếu thời gian, đơn vị chủ trì hoặc đối tượng triển khai",
    family="architecture",
    legal_basis=("Văn bản 1178/BTTTT-THH, mục II.4.2 (lộ trình triển khai các thành phần)",),
    confidence="medium",
)
def roadmap_item_incomplete(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each project and work package in force on the day checked has a ``start`` and an
        ``end``, an owner agency (``owner``, or an organization ``assigned_to`` it), and
        ``implements`` the elements it creates or changes; and its owner agency does not
        end (``valid_to``) before the item does.

    Kiểm tra:
        Mỗi dự án, hạng mục có hiệu lực vào ngày kiểm tra có ``start`` và ``end``, có cơ
        quan chủ trì (``owner``, hoặc cơ quan ``assigned_to`` hạng mục) và ``implements`` các
        phần tử mà nó xây dựng hay thay đổi; và cơ quan chủ trì không kết thúc (``valid_to``)
        trước khi hạng mục kết thúc.

    Why:
        A roadmap (lộ trình, framework 1.0 §II.4.2) is actionable only if each item has a
        period, an agency in charge and a scope. Items owned by an agency that disappears
        in a reorganisation (a district, Sở Thông tin và Truyền thông in 2025) lose their
        owner halfway.

    Lý do:
        Lộ trình (Khung 1.0, mục II.4.2) chỉ thực hiện được khi mỗi hạng mục có thời gian,
        cơ quan chủ trì và phạm vi. Hạng mục do cơ quan sẽ chấm dứt khi sắp xếp (một huyện,
        Sở Thông tin và Truyền thông năm 2025) chủ trì sẽ mất chủ trì giữa chừng.

    Fails:
        ```yaml
        # as-of: 2024-06-01
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông tỉnh Hà Tĩnh
          valid_to: 2025-02-28
        - id: du-an-iot
          kind: project
          name: Nền tảng IoT dùng chung tỉnh Hà Tĩnh
          owner: so-tttt
          start: 2024-01-01
          end: 2026-12-31
        ```

    Passes:
        ```yaml
        # as-of: 2024-06-01
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông tỉnh Hà Tĩnh
          valid_to: 2025-02-28
          owns: [{target: du-an-iot, valid_to: 2025-02-28}]
          successors: [so-khcn]
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ tỉnh Hà Tĩnh
          valid_from: 2025-03-01
          owns: [{target: du-an-iot, valid_from: 2025-03-01}]
        - id: du-an-iot
          kind: project
          name: Nền tảng IoT dùng chung tỉnh Hà Tĩnh
          start: 2024-01-01
          end: 2026-12-31
          implements: [nen-tang-iot]
        - id: nen-tang-iot
          kind: shared_service
          name: Nền tảng IoT dùng chung
          status: planned
        ```
    """
    graph = ctx.graph
    arch_ids = ctx.architecture.by_id()
    for item in graph.of_kind("project", "work_package"):
        problems = []
        start, end = getattr(item, "start", None), getattr(item, "end", None)
        if start is None or end is None:
            problems.append("no period (start and end)")
        owner_ids = [r.source for r in graph.in_(item.id, "owns")]
        assigned = [r.source for r in graph.in_(item.id, "assigned_to") if graph.element(r.source).kind == "organization"]
        if not owner_ids and not assigned and not item.owner:
            problems.append("no owner agency")
        if not graph.out(item.id, "implements") and not any(
            r.type == "implements" and r.source == item.id for r in graph.dangling
        ):
            problems.append("does not say what it builds or changes (implements)")
        related: list[Related] = []
        for oid in dict.fromkeys(owner_ids + assigned + ([item.owner] if item.owner else [])):
            org = arch_ids.get(oid)
            if org is None or org.valid_to is None or end is None or org.valid_to >= end:
                continue
            # an owner that ends before the item, unless the relation itself ends with it
            rels = [r for r in graph.in_(item.id, "owns", "assigned_to") if r.source == oid]
            if rels and all(r.valid_to is not None and r.valid_to <= org.valid_to for r in rels):
                continue
            problems.append(f"its owner '{oid}' ends on {date_vi(org.valid_to)}, before the item ends ({date_vi(end)})")
            related.append(Related(oid, (), "the owner that ends first"))
        if problems:
            yield Violation(
                f"{item.kind} '{item.id}': " + "; ".join(dict.fromkeys(problems)),
                element=item.id,
                related=tuple(related),
                hint="give it start and end, an owner agency that lasts as long as it does, and implements",
                key="roadmap",
            )
