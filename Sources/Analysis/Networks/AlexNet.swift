// AlexNet (Krizhevsky et al. 2012) in two published forms.

extension Network {
    /// Caffe's bvlc_alexnet deploy definition: 227×227 input, 96-256-384-384-256
    /// channels, conv2/4/5 split in two groups (the paper's two GPUs), local response
    /// normalisation after conv1 and conv2, max pools 3×3/2 (Caffe rounds up), three
    /// fully connected layers and a softmax.
    static let alexNet = Network("alexnet", input: 227) {
        block("conv1") { conv(96, 11×11, stride: 4); relu(); localResponseNorm(size: 5) }
        maxPool(3×3, stride: 2, ceil: true, name: "pool1")
        block("conv2") { conv(256, 5×5, pad: 2, groups: 2); relu(); localResponseNorm(size: 5) }
        maxPool(3×3, stride: 2, ceil: true, name: "pool2")
        block("conv3") { conv(384, 3×3, pad: 1); relu() }
        block("conv4") { conv(384, 3×3, pad: 1, groups: 2); relu() }
        block("conv5") { conv(256, 3×3, pad: 1, groups: 2); relu() }
        maxPool(3×3, stride: 2, ceil: true, name: "pool5")
        flatten()
        block("fc6") { linear(4096); relu(); dropout() }
        block("fc7") { linear(4096); relu(); dropout() }
        linear(1000, name: "fc8")
        softmax(name: "prob")
    }

    /// soumith/imagenet-multiGPU.torch `models/alexnetowtbn.lua`: the "one weird trick"
    /// single-tower AlexNet (64-192-384-256-256 channels, no groups) with batch norm
    /// after every convolution and hidden fully connected layer, 224×224 input.
    static let bnAlexNet = Network("bn-alexnet", input: 224) {
        block("features") {
            conv(64, 11×11, stride: 4, pad: 2); batchNorm(); relu()
            maxPool(3×3, stride: 2)
            conv(192, 5×5, pad: 2); batchNorm(); relu()
            maxPool(3×3, stride: 2)
            conv(384, 3×3, pad: 1); batchNorm(); relu()
            conv(256, 3×3, pad: 1); batchNorm(); relu()
            conv(256, 3×3, pad: 1); batchNorm(); relu()
            maxPool(3×3, stride: 2)
        }
        block("classifier") {
            flatten()
            dropout(); linear(4096); batchNorm(); relu()
            dropout(); linear(4096); batchNorm(); relu()
            linear(1000)
            softmax()
        }
    }
}
