"""SVG drawings judged against an allow-list: what is not known to be inert is refused.

Parsed with defusedxml (no DTD, no entities, no external reference), keeping
processing instructions so that an ``<?xml-stylesheet?>`` can be refused. Only
drawing elements and presentation attributes are accepted; a reference may
only point inside the drawing (``#id``, ``url(#id)``); CSS is read after its
escapes and comments are undone, and refused if it imports or fetches anything.
No animation element is accepted: ``<animate>`` and ``<set>`` can rewrite links.
"""

import re
import xml.etree.ElementTree as ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.utils.translation import gettext as _

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# Drawing programs keep their own notes in these namespaces; browsers ignore them.
INERT_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
}

FILTER_PRIMITIVES = {
    "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
    "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight", "feSpecularLighting",
    "feSpotLight", "feTile", "feTurbulence",
}  # fmt: skip
ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style", "switch",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "filter",
    *FILTER_PRIMITIVES,
}  # fmt: skip
ATTRIBUTES = {
    "id", "class", "style", "version", "baseProfile", "viewBox", "preserveAspectRatio", "transform",
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "width", "height",
    "d", "points", "pathLength", "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method",
    "spacing", "side", "offset", "href",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color",
    "display", "visibility", "overflow", "clip", "clip-path", "clip-rule", "mask", "filter", "paint-order",
    "vector-effect", "mix-blend-mode", "isolation", "shape-rendering", "text-rendering", "image-rendering",
    "color-interpolation", "color-interpolation-filters", "enable-background",
    "font-family", "font-size", "font-size-adjust", "font-stretch", "font-style", "font-variant", "font-weight",
    "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing",
    "word-spacing", "text-decoration", "writing-mode", "direction", "unicode-bidi", "lang",
    "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
    "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
    "marker-start", "marker-mid", "marker-end", "markerWidth", "markerHeight", "markerUnits", "refX", "refY",
    "orient", "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "type", "values",
    "operator", "k1", "k2", "k3", "k4", "flood-color", "flood-opacity", "lighting-color", "scale",
    "xChannelSelector", "yChannelSelector", "baseFrequency", "numOctaves", "seed", "stitchTiles", "radius",
    "tableValues", "slope", "intercept", "amplitude", "exponent", "order", "kernelMatrix", "divisor", "bias",
    "targetX", "targetY", "edgeMode", "kernelUnitLength", "preserveAlpha", "surfaceScale", "diffuseConstant",
    "specularConstant", "specularExponent", "azimuth", "elevation", "pointsAtX", "pointsAtY", "pointsAtZ", "z",
    "limitingConeAngle", "requiredExtensions", "systemLanguage", "media",
}  # fmt: skip

CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
URL = re.compile(r"url\s*\(\s*(['\"]?)\s*(.*?)\s*\1\s*\)", re.DOTALL)
CSS_FORBIDDEN = ("@import", "expression(", "javascript:", "behavior", "-moz-binding", "@font-face", "@namespace")


class SvgRefused(Exception):
    pass


def _unescape_css(text: str) -> str:
    def replace(match):
        if match.group(1):
            try:
                return chr(int(match.group(1), 16))
            except (ValueError, OverflowError):
                return "\ufffd"
        return "" if match.group(2) == "\n" else match.group(2)

    return CSS_COMMENT.sub("", CSS_ESCAPE.sub(replace, text)).lower()


def _check_css(text: str) -> None:
    css = _unescape_css(text)
    css_compact = re.sub(r"[\s\x00-\x1f]", "", css)
    if any(word in css_compact for word in CSS_FORBIDDEN):
        raise SvgRefused(_("its style sheet imports or runs something."))
    if "url(" in css_compact:
        for match in URL.finditer(css):
            if not match.group(2).startswith("#"):
                raise SvgRefused(_("its style refers to something outside the drawing."))
        if css_compact.count("url(") != len(URL.findall(css)):
            raise SvgRefused(_("its style refers to something outside the drawing."))


def _local(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, _brace, local = name[1:].partition("}")
        return namespace, local
    return "", name


class _Builder(ElementTree.TreeBuilder):
    """Notes every processing instruction, those before the root element too (the tree drops them)."""

    def __init__(self):
        super().__init__(insert_pis=True, insert_comments=False)
        self.instructions = 0

    def pi(self, target, text=None):
        self.instructions += 1
        return super().pi(target, text)


def check(path: str) -> None:
    """Raises SvgRefused with the reason when the drawing holds anything outside the allow-list."""
    builder = _Builder()
    parser = DefusedXMLParser(
        target=builder,
        forbid_dtd=True,
        forbid_entities=True,
        forbid_external=True,
    )
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(64 * 1024):
                parser.feed(chunk)
        root = parser.close()
    except DefusedXmlException:
        raise SvgRefused(_("it declares a DTD or entities.")) from None
    except ElementTree.ParseError:
        raise SvgRefused(_("it is not well-formed.")) from None
    if builder.instructions:
        raise SvgRefused(_("it holds a processing instruction (such as a style sheet to load)."))
    if _local(root.tag) != (SVG, "svg"):
        raise SvgRefused(_("it is not an SVG drawing."))
    for element in root.iter():
        if element.tag is ElementTree.ProcessingInstruction:
            raise SvgRefused(_("it holds a processing instruction (such as a style sheet to load)."))
        namespace, local = _local(element.tag)
        if namespace in INERT_NAMESPACES:
            continue
        if namespace != SVG or local not in ELEMENTS:
            raise SvgRefused(_("it holds a “%(element)s” element, which is not accepted.") % {"element": local})
        if local == "style":
            _check_css(element.text or "")
        for attribute, value in element.attrib.items():
            attribute_namespace, attribute_name = _local(attribute)
            if attribute_namespace in INERT_NAMESPACES or attribute_namespace == XML:
                continue
            known = attribute_namespace in ("", XLINK) and attribute_name in ATTRIBUTES
            if attribute_namespace == XLINK and attribute_name not in ("href", "title"):
                known = False
            if not known:
                raise SvgRefused(
                    _("it holds a “%(attribute)s” attribute, which is not accepted.") % {"attribute": attribute_name}
                )
            if attribute_name == "href" and not value.strip().startswith("#"):
                raise SvgRefused(_("it links to something outside the drawing."))
            if attribute_name == "style" or "url(" in re.sub(r"\s", "", value.lower()) or "\\" in value:
                _check_css(value)
